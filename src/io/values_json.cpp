// Value parsing and printing for `tc0 simulate`: every malformed value names its JSON location.
#include "tc0/io/values_json.hpp"

#include <unordered_map>

#include "tc0/errors.hpp"

namespace tc0 {

namespace {
mpz_class parse_digits(const std::string& text, int base, const std::string& where) {
  if (text.empty()) throw input_error(where, "empty number");
  mpz_class v;
  if (v.set_str(text, base) != 0)
    throw input_error(where, "'" + text + "' is not a base-" + std::to_string(base) + " number");
  return v;
}
}  // namespace

mpz_class parse_bus_value(const nlohmann::json& v, uint32_t width, const std::string& where) {
  mpz_class value;
  if (v.is_number_unsigned()) {
    value = mpz_class(std::to_string(v.get<uint64_t>()));
  } else if (v.is_number_integer()) {
    throw input_error(where, "negative value " + std::to_string(v.get<int64_t>()) +
                                 " (expected an unsigned bit pattern; write two's complement)");
  } else if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0) value = parse_digits(s.substr(2), 16, where);
    else if (s.rfind("0b", 0) == 0 || s.rfind("0B", 0) == 0) value = parse_digits(s.substr(2), 2, where);
    else if (!s.empty() && s[0] == '-') throw input_error(where, "negative value " + s + " (expected an unsigned bit pattern)");
    else value = parse_digits(s, 10, where);
  } else if (v.is_array()) {
    if (v.size() != width)
      throw input_error(where, "bit array of length " + std::to_string(v.size()) + " for a " + std::to_string(width) + "-bit bus");
    for (size_t i = 0; i < v.size(); ++i) {
      const auto& b = v[i];
      if (!b.is_number_integer() || (b.get<int64_t>() != 0 && b.get<int64_t>() != 1))
        throw input_error(where + "[" + std::to_string(i) + "]", "expected 0 or 1");
      if (b.get<int64_t>() == 1) mpz_setbit(value.get_mpz_t(), i);
    }
  } else {
    throw input_error(where, "expected an integer, a decimal/0x/0b string or a 0/1 array");
  }
  if (mpz_sizeinbase(value.get_mpz_t(), 2) > width && value != 0)
    throw input_error(where, "value " + value.get_str() + " does not fit in " + std::to_string(width) + " bits");
  return value;
}

nlohmann::json bus_value_to_json(const mpz_class& v, uint32_t width, bool as_bits) {
  if (as_bits) {
    nlohmann::json a = nlohmann::json::array();
    for (uint32_t i = 0; i < width; ++i) a.push_back(mpz_tstbit(v.get_mpz_t(), i));
    return a;
  }
  if (mpz_sizeinbase(v.get_mpz_t(), 2) <= 53) return static_cast<uint64_t>(mpz_get_ui(v.get_mpz_t()));
  return v.get_str();
}

pattern_set parse_input_vectors(const circuit& c, const nlohmann::json& doc, const std::string& where,
                                bool& vectors_form) {
  if (!doc.is_object()) throw input_error(where, "expected an object with \"inputs\" or \"vectors\"");
  std::vector<const nlohmann::json*> objects;
  std::vector<std::string> places;
  vectors_form = doc.contains("vectors");
  if (vectors_form) {
    const auto& vs = doc["vectors"];
    if (!vs.is_array()) throw input_error(where + ": vectors", "expected an array of objects");
    for (size_t i = 0; i < vs.size(); ++i) {
      objects.push_back(&vs[i]);
      places.push_back(where + ": vectors[" + std::to_string(i) + "]");
    }
  } else if (doc.contains("inputs")) {
    objects.push_back(&doc["inputs"]);
    places.push_back(where + ": inputs");
  } else {
    throw input_error(where, "expected a key \"inputs\" or \"vectors\"");
  }
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> offset;  // name -> first bit, width
  uint32_t first = 0;
  for (const bus& b : c.inputs()) {
    offset[b.name] = {first, static_cast<uint32_t>(b.lits.size())};
    first += static_cast<uint32_t>(b.lits.size());
  }
  pattern_set p(c.num_input_bits(), objects.size());
  for (size_t i = 0; i < objects.size(); ++i) {
    const nlohmann::json& o = *objects[i];
    if (!o.is_object()) throw input_error(places[i], "expected an object mapping input names to values");
    for (const auto& [name, value] : o.items()) {
      auto it = offset.find(name);
      if (it == offset.end()) {
        std::string known;
        for (const bus& b : c.inputs()) known += (known.empty() ? "" : ", ") + b.name;
        throw input_error(places[i] + "." + name, "unknown input (the circuit's inputs: " + known + ")");
      }
      p.set_value(it->second.first, it->second.second, i, parse_bus_value(value, it->second.second, places[i] + "." + name));
    }
    for (const bus& b : c.inputs())
      if (!o.contains(b.name)) throw input_error(places[i], "missing input '" + b.name + "'");
  }
  return p;
}

nlohmann::json bus_objects(const std::vector<bus>& buses, const pattern_set& values, uint64_t pattern, bool as_bits) {
  nlohmann::json o = nlohmann::json::object();
  uint32_t first = 0;
  for (const bus& b : buses) {
    uint32_t w = static_cast<uint32_t>(b.lits.size());
    o[b.name] = bus_value_to_json(values.get_value(first, w, pattern), w, as_bits);
    first += w;
  }
  return o;
}

}  // namespace tc0
