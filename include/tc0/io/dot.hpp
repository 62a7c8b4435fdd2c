// Graphviz DOT export, written by Boost.Graph's write_graphviz over the circuit_graph view.
// Conventions (docs/formats.md): one vertex per node; gates labelled with kind and threshold;
// edges drawn from each fan-in node to the gate (the view's edges point the other way, dir=back
// flips the arrowheads only); complemented edges dashed, thr weights as edge labels; inputs
// labelled NAME[i]; one box per output bit pointing at the literal it reads.
#pragma once
#include <iosfwd>

#include "tc0/circuit/circuit.hpp"

namespace tc0 {

void write_dot(std::ostream& os, const circuit& c);

}  // namespace tc0
