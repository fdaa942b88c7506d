# Constraint solving: sudoku by constraint propagation plus search, N-queens by backtracking
# over bitmasks, and a cryptarithm (SEND + MORE = MONEY) by column-wise backtracking.
import copy
import itertools
from functools import reduce

DIGITS = "123456789"
ROWS = "ABCDEFGHI"


class Contradiction(Exception):
    """Raised when an assignment leaves some square or unit without a possible digit."""

    def __init__(self, square, reason):
        super().__init__(f"{square}: {reason}")
        self.square = square


class Stats:
    """Counts work done; a context manager that reports the difference over a block."""

    def __init__(self):
        self.counts = {"assign": 0, "eliminate": 0, "search": 0, "backtrack": 0}
        self._saved = []

    def bump(self, what, n=1):
        self.counts[what] += n

    def __enter__(self):
        self._saved.append(dict(self.counts))
        return self

    def __exit__(self, exc_type, exc, tb):
        before = self._saved.pop()
        delta = {k: v - before[k] for k, v in self.counts.items() if v != before[k]}
        status = "ok" if exc_type is None else f"failed: {exc_type.__name__}"
        print(f"    work {delta} ({status})")
        return False


def cross(a, b):
    return [x + y for x in a for y in b]


SQUARES = cross(ROWS, DIGITS)
UNITS = ([cross(ROWS, c) for c in DIGITS] + [cross(r, DIGITS) for r in ROWS]
         + [cross(rs, cs) for rs in ("ABC", "DEF", "GHI") for cs in ("123", "456", "789")])
UNITS_OF = {s: [u for u in UNITS if s in u] for s in SQUARES}
PEERS = {s: sorted(set(itertools.chain.from_iterable(UNITS_OF[s])) - {s}) for s in SQUARES}


class Sudoku:
    def __init__(self, stats):
        self.values = {s: DIGITS for s in SQUARES}
        self.stats = stats

    @classmethod
    def parse(cls, grid, stats):
        chars = [c for c in grid if c in DIGITS or c in "0."]
        if len(chars) != 81:
            raise ValueError(f"a grid has 81 cells, not {len(chars)}")
        puzzle = cls(stats)
        for s, c in zip(SQUARES, chars):
            if c in DIGITS:
                puzzle.assign(s, c)
        return puzzle

    def assign(self, s, d):
        self.stats.bump("assign")
        for other in self.values[s].replace(d, ""):
            self.eliminate(s, other)

    def eliminate(self, s, d):
        if d not in self.values[s]:
            return
        self.stats.bump("eliminate")
        self.values[s] = left = self.values[s].replace(d, "")
        if not left:
            raise Contradiction(s, f"no digit left after removing {d}")
        if len(left) == 1:
            for p in PEERS[s]:
                self.eliminate(p, left)
        for unit in UNITS_OF[s]:
            places = [sq for sq in unit if d in self.values[sq]]
            if not places:
                raise Contradiction(s, f"no place for {d} in a unit")
            if len(places) == 1 and len(self.values[places[0]]) > 1:
                self.assign(places[0], d)

    def solved(self):
        return all(len(v) == 1 for v in self.values.values())

    def search(self):
        if self.solved():
            return self
        self.stats.bump("search")
        _, s = min((len(v), sq) for sq, v in self.values.items() if len(v) > 1)
        for d in self.values[s]:
            trial = copy.copy(self)
            trial.values = dict(self.values)
            try:
                trial.assign(s, d)
            except Contradiction:
                self.stats.bump("backtrack")
                continue
            result = trial.search()
            if result is not None:
                return result
        return None

    def rows(self):
        return ["".join(self.values[r + c] if len(self.values[r + c]) == 1 else "."
                        for c in DIGITS) for r in ROWS]

    def check(self):
        return all(sorted(self.values[s] for s in unit) == list(DIGITS) for unit in UNITS)

    def __repr__(self):
        filled = sum(len(v) == 1 for v in self.values.values())
        return f"<Sudoku {filled}/81 filled>"


PUZZLES = {
    "easy": "003020600900305001001806400008102900700000008006708200002609500800203009005010300",
    "hard": "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
    "inkala": "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4..",
    "golden": "..53.....8......2..7..1.5..4....53...1..7...6..32...8..6.5....9..4....3......97..",
    "escargot": "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..",
    "short": "123",
    "broken": "11..............................................................................."
}


def solve_sudokus():
    stats = Stats()
    for name, grid in PUZZLES.items():
        print(f"sudoku {name}:")
        try:
            with stats:
                puzzle = Sudoku.parse(grid, stats)
                print("    after propagation:", puzzle)
                solution = puzzle.search()
        except Contradiction as e:
            print(f"    contradiction at {e.square}: {e}")
            continue
        except ValueError as e:
            print(f"    not a puzzle: {e}")
            continue
        if solution is None:
            print("    no solution")
            continue
        top, *middle, bottom = solution.rows()
        print(f"    {top} ... {bottom} ({len(middle)} rows between) valid={solution.check()}")
        digest = reduce(lambda acc, row: (acc * 10007 + int(row)) % 998244353, solution.rows(), 0)
        print(f"    digest {digest}")
    print("total work", stats.counts)


def queens(n):
    """Counts the placements of n queens; also returns the first solution found."""
    full = (1 << n) - 1
    count = 0
    first = None
    placed = []

    def place(cols, diag1, diag2):
        nonlocal count, first
        if cols == full:
            count += 1
            if first is None:
                first = list(placed)
            return
        free = full & ~(cols | diag1 | diag2)
        while free:
            bit = free & -free
            free ^= bit
            placed.append(bit.bit_length() - 1)
            place(cols | bit, ((diag1 | bit) << 1) & full, (diag2 | bit) >> 1)
            placed.pop()

    place(0, 0, 0)
    return count, first


def show_queens(solution):
    n = len(solution)
    return ["".join("Q" if c == col else "." for c in range(n)) for col in solution]


def cryptarithm(*words, result):
    """Solves words[0] + words[1] + ... = result, one column at a time from the right."""
    letters = sorted({ch for w in (*words, result) for ch in w})
    leading = {w[0] for w in (*words, result)}
    width = len(result)
    columns = [[w[-1 - i] for w in words if i < len(w)] for i in range(width)]
    assignment, used, solutions = {}, [False] * 10, []

    def solve_column(i, carry, pending):
        if i == width:
            if carry == 0:
                solutions.append(dict(sorted(assignment.items())))
            return
        if pending:
            ch, *rest = pending
            if ch in assignment:
                solve_column(i, carry, rest)
                return
            for d in range(10):
                if used[d] or (d == 0 and ch in leading):
                    continue
                assignment[ch], used[d] = d, True
                solve_column(i, carry, rest)
                del assignment[ch]
                used[d] = False
            return
        total = carry + sum(assignment[ch] for ch in columns[i])
        target = result[-1 - i]
        digit = total % 10
        if target in assignment:
            if assignment[target] == digit:
                solve_column(i + 1, total // 10, columns[i + 1] if i + 1 < width else [])
        elif not used[digit] and not (digit == 0 and target in leading):
            assignment[target], used[digit] = digit, True
            solve_column(i + 1, total // 10, columns[i + 1] if i + 1 < width else [])
            del assignment[target]
            used[digit] = False

    solve_column(0, 0, columns[0])
    return letters, solutions


def main():
    solve_sudokus()
    for n in range(4, 13):
        count, first = queens(n)
        print(f"{n}-queens: {count} solutions, first {first}")
    print("\n".join(show_queens(queens(6)[1])))
    for words, result in ((("SEND", "MORE"), "MONEY"), (("TWO", "TWO"), "FOUR"),
                          (("BASE", "BALL"), "GAMES")):
        letters, solutions = cryptarithm(*words, result=result)
        print(f"{' + '.join(words)} = {result}: letters {''.join(letters)}, {len(solutions)} solution(s)")
        for sol in solutions[:2]:
            number = lambda w: int("".join(str(sol[c]) for c in w))
            values = [number(w) for w in words]
            print(f"    {sol} -> {' + '.join(map(str, values))} = {number(result)}")
            assert sum(values) == number(result)


main()
