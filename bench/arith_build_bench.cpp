// Build rates of the integer blocks through the library API (a 32-operand 64-bit sum, multipliers
// and squares at 32..256 bits, both weight regimes): gates/s and edges/s, printed as a markdown table.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "tc0/analysis/stats.hpp"
#include "tc0/arith/iterated_sum.hpp"
#include "tc0/arith/multiply.hpp"
#include "tc0/circuit/builder.hpp"
#include "tc0/errors.hpp"
#include "tc0/version.hpp"

using namespace tc0;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

std::string load_average() {
  std::FILE* f = std::fopen("/proc/loadavg", "r");
  if (!f) return "?";
  char buf[64] = {};
  if (!std::fgets(buf, sizeof buf, f)) buf[0] = 0;
  std::fclose(f);
  std::string s(buf);
  size_t cut = 0;
  for (int spaces = 0; cut < s.size() && spaces < 3; ++cut)
    if (s[cut] == ' ') ++spaces;
  return s.substr(0, cut ? cut - 1 : 0);
}

// User + system CPU time of this (single-threaded) process: steadier than wall time on a shared machine.
double cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// One block as a whole circuit, exactly as `tc0 gen` builds it (inputs, block, outputs, finish).
using build_fn = std::function<circuit(weight_regime)>;

build_fn sum_block(uint32_t count, uint32_t width) {
  return [=](weight_regime r) {
    builder b("sum");
    std::vector<bits> xs;
    for (uint32_t i = 0; i < count; ++i) xs.push_back(b.input("x" + std::to_string(i), width));
    b.output("z", sum(b, xs, r));
    return std::move(b).finish();
  };
}

build_fn mul_block(uint32_t width) {
  return [=](weight_regime r) {
    builder b("mul");
    const bits x = b.input("x", width), y = b.input("y", width);
    b.output("z", multiply(b, x, y, r));
    return std::move(b).finish();
  };
}

build_fn square_block(uint32_t width) {
  return [=](weight_regime r) {
    builder b("square");
    b.output("z", square(b, b.input("x", width), r));
    return std::move(b).finish();
  };
}

struct row {
  std::string block;
  weight_regime regime = weight_regime::exp;
  uint32_t width = 0;
  bool built = false;
  std::string note;  // why not built
  uint64_t gates = 0, edges = 0, weighted_edges = 0;
  uint32_t depth = 0;
  double seconds = 0, cpu_seconds = 0, circuit_mb = 0, rss_mb = 0;
};

row make_row(const std::string& block, weight_regime r, uint32_t width) {
  row out;
  out.block = block;
  out.regime = r;
  out.width = width;
  return out;
}

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", v);
  return buf;
}

std::string grouped(uint64_t v) {
  std::string s = std::to_string(v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

// Builds once; a build under min_seconds is repeated (up to `repeat` times) and the fastest kept.
row measure(const std::string& name, uint32_t width, weight_regime r, const build_fn& f, int repeat,
            double min_seconds) {
  row out = make_row(name, r, width);
  const double start = now();
  char after[64];
  try {
    double best = 1e300, best_cpu = 1e300;
    for (int i = 0; i < repeat; ++i) {
      const double t0 = now(), c0 = cpu_now();
      circuit c = f(r);
      const double t = now() - t0, ct = cpu_now() - c0;
      if (t < best) best = t;
      if (ct < best_cpu) best_cpu = ct;
      if (i == 0) {
        const circuit_stats s = compute_stats(c);
        out.gates = s.gates;
        out.edges = s.edges;
        out.weighted_edges = s.weighted_edges;
        out.depth = s.depth;
        out.circuit_mb = static_cast<double>(c.memory_bytes()) / (1 << 20);
      }
      if (ct >= min_seconds) break;
    }
    out.seconds = best;
    out.cpu_seconds = best_cpu;
    out.built = true;
  } catch (const std::bad_alloc&) {
    std::snprintf(after, sizeof after, " after %.1f s", now() - start);
    out.note = std::string("out of memory (std::bad_alloc)") + after;
  } catch (const input_error& e) {
    out.note = std::string("input_error: ") + e.what();
  } catch (const std::length_error& e) {
    out.note = std::string("length_error: ") + e.what();
  }
  out.rss_mb = peak_rss_mb();
  return out;
}

void print_row(const row& w) {
  const char* reg = regime_name(w.regime);
  if (!w.built) {
    std::printf("| %s | %s | %u | %s | | | | | | | | |\n", w.block.c_str(), reg, w.width, w.note.c_str());
  } else {
    const double cpu = w.cpu_seconds > 0 ? w.cpu_seconds : w.seconds;
    std::printf("| %s | %s | %u | %s | %s | %u | %.3f | %.3f | %s | %s | %.0f | %.0f |\n", w.block.c_str(), reg,
                w.width, grouped(w.gates).c_str(), grouped(w.edges).c_str(), w.depth, w.seconds, w.cpu_seconds,
                sci(w.gates / cpu).c_str(), sci(w.edges / cpu).c_str(), w.circuit_mb, w.rss_mb);
  }
  std::fflush(stdout);
}

void usage() {
  std::fprintf(stderr,
               "arith_build_bench [--widths 32,64,128,256] [--regime exp|majority|both] [--max-edges 2e9]\n"
               "                  [--mem-gb 8] [--repeat 3] [--no-sum] [--no-mul] [--no-square]\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<uint32_t> widths = {32, 64, 128, 256};
  std::vector<weight_regime> regimes = {weight_regime::exp, weight_regime::majority};
  double max_edges = 2e9, mem_gb = 8;
  int repeat = 3;
  bool do_sum = true, do_mul = true, do_square = true;
  for (int i = 1; i < argc; ++i) {
    const bool more = i + 1 < argc;
    if (!std::strcmp(argv[i], "--widths") && more) {
      widths.clear();
      std::string s = argv[++i];
      for (size_t p = 0; p < s.size();) {
        size_t q = s.find(',', p);
        if (q == std::string::npos) q = s.size();
        widths.push_back(static_cast<uint32_t>(std::stoul(s.substr(p, q - p))));
        p = q + 1;
      }
    } else if (!std::strcmp(argv[i], "--regime") && more) {
      std::string r = argv[++i];
      weight_regime one;
      if (r == "both") regimes = {weight_regime::exp, weight_regime::majority};
      else if (parse_regime(r, one)) regimes = {one};
      else return usage(), 2;
    } else if (!std::strcmp(argv[i], "--max-edges") && more) {
      max_edges = std::stod(argv[++i]);
    } else if (!std::strcmp(argv[i], "--mem-gb") && more) {
      mem_gb = std::stod(argv[++i]);
    } else if (!std::strcmp(argv[i], "--repeat") && more) {
      repeat = std::max(1, std::stoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--no-sum")) {
      do_sum = false;
    } else if (!std::strcmp(argv[i], "--no-mul")) {
      do_mul = false;
    } else if (!std::strcmp(argv[i], "--no-square")) {
      do_square = false;
    } else {
      return usage(), 2;
    }
  }
  // An address-space limit turns an oversized build into std::bad_alloc instead of the OOM killer.
  const rlim_t limit = static_cast<rlim_t>(mem_gb * (1ull << 30));
  rlimit rl{limit, limit};
  if (setrlimit(RLIMIT_AS, &rl) != 0) std::fprintf(stderr, "warning: could not set the address-space limit\n");

  std::printf("load average at start: %s\n", load_average().c_str());
  std::printf("%s; address-space limit %.0f GB; skip a size when the previous size's edges, extrapolated by the\n"
              "measured growth exponent (B^4 before two sizes are known), exceed %.2g edges, or when the circuit\n"
              "at the previous size's bytes per edge would exceed the address-space limit.\n\n",
              version_line().c_str(), mem_gb, max_edges);
  std::printf("| block | regime | B | gates | edges | depth | wall s | cpu s | gates/cpu s | edges/cpu s | circuit MB | "
              "peak RSS MB |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::vector<std::string> notes;

  if (do_sum)
    for (weight_regime r : regimes) print_row(measure("sum K=32", 64, r, sum_block(32, 64), repeat, 0.5));

  // A width series with the memory guard: edges grow as B^k; k from the last two built sizes.
  auto series = [&](const std::string& name, const std::function<build_fn(uint32_t)>& make) {
    for (weight_regime r : regimes) {
      std::vector<row> built;
      std::string stop;
      for (uint32_t w : widths) {
        if (!stop.empty()) {
          row s = make_row(name, r, w);
          s.note = "skipped (" + stop + ")";
          print_row(s);
          continue;
        }
        if (!built.empty()) {
          const row& p = built.back();
          double k = 4;
          if (built.size() >= 2) {
            const row& q = built[built.size() - 2];
            k = std::log(static_cast<double>(p.edges) / q.edges) / std::log(static_cast<double>(p.width) / q.width);
          }
          const double predicted = p.edges * std::pow(static_cast<double>(w) / p.width, k);
          // The finished circuit alone, at the previous size's bytes per edge (weights make exp ~3x).
          const double predicted_gb = predicted * (p.circuit_mb * (1 << 20) / p.edges) / (1ull << 30);
          if (predicted > max_edges || predicted_gb > mem_gb) {
            char buf[200];
            if (predicted > max_edges)
              std::snprintf(buf, sizeof buf, "predicted %.2g edges from B = %u at exponent %.2f > %.2g", predicted,
                            p.width, k, max_edges);
            else
              std::snprintf(buf, sizeof buf,
                            "predicted %.2g edges from B = %u at exponent %.2f, a %.1f GB circuit > the %.0f GB limit",
                            predicted, p.width, k, predicted_gb, mem_gb);
            row s = make_row(name, r, w);
            s.note = std::string("skipped: ") + buf;
            print_row(s);
            notes.push_back(name + " " + regime_name(r) + " B = " + std::to_string(w) + ": " + buf);
            stop = "a narrower width was skipped";
            continue;
          }
        }
        row m = measure(name, w, r, make(w), repeat, 0.5);
        print_row(m);
        if (m.built) built.push_back(m);
        else stop = "B = " + std::to_string(w) + " failed";
      }
    }
  };
  if (do_mul) series("mul", mul_block);
  if (do_square) series("square", square_block);

  if (!notes.empty()) {
    std::printf("\nSkipped by the guard:\n");
    for (const std::string& n : notes) std::printf("- %s\n", n.c_str());
  }
  std::printf("\nload average at end: %s\n", load_average().c_str());
  std::printf(
      "\nwall s, cpu s (user + sys): builder construction, inputs, the block, outputs and finish(), the fastest of up\n"
      "to %d runs (repeated only when a run takes < 0.5 s of CPU); rates are per CPU second, which on a shared\n"
      "machine is steadier than wall time; stats are computed outside the timing. circuit MB: the finished\n"
      "circuit's arrays; peak RSS: the process's maximum so far (monotonic).\n",
      repeat);
  return 0;
}
