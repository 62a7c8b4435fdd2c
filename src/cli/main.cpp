// tc0 command line: CLI11 parsing, one subcommand per file, errors mapped to exit codes
// (0 ok, 1 failed check, 2 bad usage or input).
#include <iostream>
#include <new>

#include "commands.hpp"
#include "tc0/errors.hpp"
#include "tc0/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tc0: transformers compiled to TC0 threshold circuits, simulated, measured and exported"};
  app.set_version_flag("--version", tc0::version_line());
  app.require_subcommand(1);
  app.fallthrough();  // global flags such as --quiet may follow the subcommand
  tc0::cli::context ctx;
  app.add_flag("--quiet,-q", ctx.quiet, "No progress output on stderr");
  tc0::cli::add_stats(app, ctx);
  tc0::cli::add_simulate(app, ctx);
  tc0::cli::add_export(app, ctx);
  tc0::cli::add_import(app, ctx);
  tc0::cli::add_verify(app, ctx);
  tc0::cli::add_gen(app, ctx);
  tc0::cli::add_problem(app, ctx);
  tc0::cli::add_compile(app, ctx);
  tc0::cli::add_run(app, ctx);
  tc0::cli::add_bounds(app, ctx);
  tc0::cli::add_sweep(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "tc0: " << e.what() << " (see tc0 --help)\n";
    return 2;
  } catch (const tc0::input_error& e) {
    std::cerr << "tc0: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "tc0: out of memory (the input asks for more than this machine has)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tc0: internal error: " << e.what() << "\n";
    return 3;
  }
  return ctx.exit_code;
}
