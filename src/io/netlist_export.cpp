// Format names, the summary line, and export = to_aig + the format's writer + atomic write.
#include "tc0/io/netlist_export.hpp"

#include <ostream>

#include "tc0/errors.hpp"
#include "tc0/io/aiger.hpp"
#include "tc0/io/atomic_write.hpp"
#include "tc0/io/blif.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/io/verilog.hpp"

namespace tc0 {

const char* netlist_format_name(netlist_format f) {
  switch (f) {
    case netlist_format::aiger: return "aiger";
    case netlist_format::aag: return "aag";
    case netlist_format::blif: return "blif";
    case netlist_format::verilog: return "verilog";
    case netlist_format::bristol: return "bristol";
  }
  return "?";
}

bool parse_netlist_format(std::string_view name, netlist_format& out) {
  for (netlist_format f : {netlist_format::aiger, netlist_format::aag, netlist_format::blif, netlist_format::verilog,
                           netlist_format::bristol})
    if (name == netlist_format_name(f)) {
      out = f;
      return true;
    }
  return false;
}

std::string netlist_summary::describe() const {
  std::string s = std::string(netlist_format_name(format)) + ": ";
  auto n = [](uint64_t x) { return std::to_string(x); };
  switch (format) {
    case netlist_format::aiger:
    case netlist_format::aag: s += n(ands) + " ands"; break;
    case netlist_format::blif: s += n(cells) + " .names (" + n(ands) + " ands, " + n(copies) + " output drivers)"; break;
    case netlist_format::verilog: s += n(cells) + " cells (" + n(ands) + " and, " + n(inverters) + " not)"; break;
    case netlist_format::bristol:
      s += n(cells) + " gates (" + n(ands) + " AND, " + n(xors) + " XOR, " + n(inverters) + " INV, " + n(copies) + " EQ/EQW)";
      break;
  }
  return s + ", depth " + std::to_string(depth);
}

netlist_summary write_netlist(std::ostream& os, const circuit& aig, netlist_format f) {
  switch (f) {
    case netlist_format::aiger: return write_aiger(os, aig, false);
    case netlist_format::aag: return write_aiger(os, aig, true);
    case netlist_format::blif: return write_blif(os, aig);
    case netlist_format::verilog: return write_verilog(os, aig);
    case netlist_format::bristol: return write_bristol(os, aig);
  }
  throw input_error("export", "unknown netlist format");
}

netlist_summary export_netlist(const circuit& c, netlist_format f, const std::filesystem::path& path,
                               const to_aig_params& params) {
  netlist_summary s;
  auto write = [&](const circuit& aig) {
    write_file_atomic(path, [&](std::ostream& os) { s = write_netlist(os, aig, f); });
  };
  if (is_aig(c)) write(c);
  else write(to_aig(c, params));
  return s;
}

}  // namespace tc0
