// Every importer on thousands of mutated files: each either reads a valid circuit or throws
// tc0::input_error with one line naming the file; never another exception, a crash or a sanitizer
// report (this suite runs under ASan+UBSan in CI).
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <sstream>

#include "support.hpp"
#include "tc0/errors.hpp"
#include "tc0/gen/gen.hpp"
#include "tc0/io/aiger.hpp"
#include "tc0/io/blif.hpp"
#include "tc0/io/bristol.hpp"
#include "tc0/transform/to_aig.hpp"

using namespace tc0;

namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    cur += c;
    if (c == '\n') {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l;
  return s;
}

// One to three edits: byte changes, truncation, line deletion / duplication / swap, a number made
// huge, zero, or one off, a token from the formats' vocabulary inserted.
std::string mutate(const std::string& seed, std::mt19937_64& rng) {
  static const char* numbers[] = {"0", "1", "2", "3", "4294967295", "4294967296", "2147483648", "99999999999999999999",
                                  "18446744073709551615", "-1", "007"};
  static const char* words[] = {"AND", "XOR", "INV", "EQ", "EQW", "MAND", "NOT", ".names", ".latch", ".inputs",
                                ".outputs", ".end", ".model", "aag", "aig", "i0", "o0", "c", "\\", "#", "-", "1-1 1"};
  std::string s = seed;
  const int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t pos = rng() % s.size();
    const unsigned op = static_cast<unsigned>(rng() % 9);
    switch (op) {
      case 0: s[pos] = static_cast<char>(rng() % 256); break;
      case 1: s[pos] = " \n0123456789-.\t"[rng() % 15]; break;
      case 2: s.resize(pos); break;
      case 3: case 4: case 5: {
        auto lines = split_lines(s);
        if (lines.empty()) break;
        size_t i = rng() % lines.size(), j = rng() % lines.size();
        if (op == 3) lines.erase(lines.begin() + static_cast<ptrdiff_t>(i));
        else if (op == 4) lines.insert(lines.begin() + static_cast<ptrdiff_t>(i), lines[j]);
        else std::swap(lines[i], lines[j]);
        s = join(lines);
        break;
      }
      case 6: case 7: {  // a number token replaced
        size_t b = pos;
        while (b < s.size() && !(s[b] >= '0' && s[b] <= '9')) ++b;
        if (b >= s.size()) break;
        size_t end = b;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
        std::string rep;
        if (rng() % 2) rep = numbers[rng() % std::size(numbers)];
        else rep = std::to_string(std::stoull(s.substr(b, std::min<size_t>(end - b, 18))) + (rng() % 2 ? 1 : -1));
        s.replace(b, end - b, rep);
        break;
      }
      default: s.insert(pos, std::string(" ") + words[rng() % std::size(words)] + " "); break;
    }
  }
  return s;
}

struct outcome {
  int ok = 0, refused = 0;
};

outcome fuzz(const std::string& seed, const std::string& where, int count, uint64_t rng_seed,
             const std::function<circuit(std::string_view, std::string_view)>& parse) {
  std::mt19937_64 rng(rng_seed);
  outcome o;
  REQUIRE_NOTHROW(parse(seed, where));
  for (int i = 0; i < count; ++i) {
    std::string m = mutate(seed, rng);
    try {
      circuit c = parse(m, where);
      ++o.ok;
      (void)c;
    } catch (const input_error& e) {
      ++o.refused;
      std::string msg = e.what();
      if (msg.find('\n') != std::string::npos || msg.rfind(where, 0) != 0) {
        CAPTURE(i);
        CAPTURE(msg);
        FAIL("not one line naming the file");
      }
    } catch (const std::exception& e) {
      CAPTURE(rng_seed);
      CAPTURE(i);
      CAPTURE(m);
      FAIL("unexpected exception: " << e.what());
    }
  }
  return o;
}

circuit seed_aig() {
  gen_options o;
  o.op = "add";
  o.width = 4;
  return to_aig(generate(o));
}

template <class F>
std::string text_of(F&& write) {
  std::ostringstream os;
  write(os);
  return os.str();
}

}  // namespace

TEST_SUITE("fast") {
TEST_CASE("fuzz: 3000 mutated ASCII and binary AIGER files read or fail with one located line") {
  circuit a = seed_aig();
  outcome x = fuzz(text_of([&](std::ostream& os) { write_aiger(os, a, true); }), "f.aag", 1500, 1, parse_aiger);
  outcome y = fuzz(text_of([&](std::ostream& os) { write_aiger(os, a, false); }), "f.aig", 1500, 2, parse_aiger);
  MESSAGE("aag read " << x.ok << ", refused " << x.refused << "; aig read " << y.ok << ", refused " << y.refused);
  CHECK(x.refused > 500);
  CHECK(y.refused > 500);
}

TEST_CASE("fuzz: 2500 mutated BLIF files read or fail with one located line") {
  circuit a = seed_aig();
  std::string seed = text_of([&](std::ostream& os) { write_blif(os, a); });
  seed += ".names x[0] x[1] y[0] spare\n1-0 1\n-11 1\n";
  seed.insert(seed.find(".end"), ".names k\n1\n");
  outcome x = fuzz(seed, "f.blif", 2500, 3, parse_blif);
  MESSAGE("blif read " << x.ok << ", refused " << x.refused);
  CHECK(x.refused > 500);
}

TEST_CASE("fuzz: 2500 mutated Bristol files read or fail with one located line") {
  circuit a = seed_aig();
  // The writer's output (AND, XOR, INV, EQW) and a hand-written file with MAND and EQ too.
  const std::string hand_ok =
      "7 12\n2 2 2\n1 3\n\n"
      "4 2 0 1 2 3 4 5 MAND\n2 1 4 5 6 XOR\n1 1 6 7 INV\n1 1 1 8 EQ\n1 1 7 11 EQW\n"
      "2 1 8 6 9 AND\n2 1 9 0 10 XOR\n";
  outcome x = fuzz(text_of([&](std::ostream& os) { write_bristol(os, a); }), "f.txt", 1500, 4, parse_bristol);
  outcome y = fuzz(hand_ok, "g.txt", 1000, 5, parse_bristol);
  MESSAGE("bristol read " << x.ok + y.ok << ", refused " << x.refused + y.refused);
  CHECK(x.refused > 300);
  CHECK(y.refused > 300);
}
}
