#!/usr/bin/env python3
"""Says whether the control flow of each function in an LLVM IR text file
is reducible, and exits 1 if one is not.

    python3 scripts/wasm_reducible.py FILE.ll

scripts/wasm-cc.sh runs it on the grammar's parser.c before it turns off
LLVM's WebAssembly "Fix Irreducible Control Flow" pass (which runs out of
memory on the lexer): with the pass off, only reducible control flow is
compiled correctly. A graph is reducible when every edge that goes back up
a depth-first walk from the entry ends at a block that dominates the
edge's source (each loop has a single entry).
"""

import re
import sys

LABEL = r'(?:"[^"]*"|[-\w.$]+)'
FUNCTION = re.compile(r"^define [^\n]*@(" + LABEL + r")\([^\n]*\{\n(.*?)^\}", re.S | re.M)
BLOCK = re.compile(r"^(" + LABEL + r"):")
TARGET = re.compile(r"\blabel %(" + LABEL + r")")


def blocks_of(body):
    """The blocks of a function body in order, each with its successors."""
    order, succ = [], {}
    current = None
    for line in body.split("\n"):
        m = BLOCK.match(line)
        if m:
            current = m.group(1)
            order.append(current)
            succ[current] = []
            continue
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        if current is None:  # the unnamed entry block
            current = "<entry>"
            order.append(current)
            succ[current] = []
        succ[current].extend(TARGET.findall(line))
    return order, succ


def irreducible_edges(order, succ):
    """Edges that go back up the walk to a block that does not dominate
    their source."""
    if not order:
        return []
    entry = order[0]
    succ = {b: [s for s in targets if s in succ] for b, targets in succ.items()}
    preds = {b: [] for b in order}
    for b, targets in succ.items():
        for s in targets:
            preds[s].append(b)
    # Depth-first walk without recursion: postorder and retreating edges.
    postorder, seen, on_path, retreating = [], {entry}, {entry}, []
    stack = [(entry, iter(succ[entry]))]
    while stack:
        block, rest = stack[-1]
        for s in rest:
            if s in on_path:
                retreating.append((block, s))
            if s not in seen:
                seen.add(s)
                on_path.add(s)
                stack.append((s, iter(succ[s])))
                break
        else:
            stack.pop()
            on_path.discard(block)
            postorder.append(block)
    # Dominators (Cooper, Harvey and Kennedy: iterate in reverse postorder).
    rpo = postorder[::-1]
    number = {b: i for i, b in enumerate(rpo)}
    idom = {entry: entry}
    changed = True
    while changed:
        changed = False
        for b in rpo[1:]:
            done = [p for p in preds[b] if p in idom]
            new = done[0]
            for p in done[1:]:
                x, y = p, new
                while x != y:
                    while number[x] > number[y]:
                        x = idom[x]
                    while number[y] > number[x]:
                        y = idom[y]
                new = x
            if idom.get(b) != new:
                idom[b] = new
                changed = True

    def dominates(a, b):
        while a != b:
            if b == entry:
                return False
            b = idom[b]
        return True

    return [(b, s) for b, s in retreating if not dominates(s, b)]


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    failed = False
    for m in FUNCTION.finditer(text):
        name, body = m.group(1), m.group(2)
        order, succ = blocks_of(body)
        bad = irreducible_edges(order, succ)
        if bad:
            failed = True
            print(f"wasm_reducible: {name}: irreducible control flow "
                  f"({len(bad)} loop entries that are not loop headers, e.g. "
                  f"{bad[0][0]} -> {bad[0][1]}): this file cannot be compiled "
                  f"with the fix pass turned off")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
