// Each subcommand registers its options and a callback that calls one library function.
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace tc0::cli {

struct context {
  int exit_code = 0;  // set by a command (1 = failed check)
  bool quiet = false;
};

void add_stats(CLI::App& app, context& ctx);
void add_simulate(CLI::App& app, context& ctx);
void add_export(CLI::App& app, context& ctx);
void add_import(CLI::App& app, context& ctx);
void add_verify(CLI::App& app, context& ctx);
void add_gen(CLI::App& app, context& ctx);
void add_problem(CLI::App& app, context& ctx);
void add_compile(CLI::App& app, context& ctx);
void add_run(CLI::App& app, context& ctx);
void add_bounds(CLI::App& app, context& ctx);
void add_sweep(CLI::App& app, context& ctx);

// Writes `text` to `path` atomically, or to stdout when path is empty or "-".
void write_text_output(const std::string& path, const std::string& text);

}  // namespace tc0::cli
