# Game-tree search: tic-tac-toe solved exactly with a memo dict, and connect-four played by
# alpha-beta minimax with a transposition table, move ordering and a heuristic evaluation.
import functools
import itertools
from collections import Counter, namedtuple

Outcome = namedtuple("Outcome", "score move nodes")


class IllegalMove(ValueError):
    def __init__(self, game, move):
        super().__init__(f"{type(game).__name__}: illegal move {move!r}")
        self.move = move


class Game:
    """Immutable game positions; subclasses give the moves, results and the board text."""
    players = "XO"

    def __init__(self, cells, turn=0):
        self.cells = tuple(cells)
        self.turn = turn

    @property
    def player(self):
        return self.players[self.turn]

    def key(self):
        return self.cells, self.turn

    def __eq__(self, other):
        return type(self) is type(other) and self.key() == other.key()

    def __hash__(self):
        return hash(self.key())

    def __repr__(self):
        return f"{type(self).__name__}({''.join(self.cells)!r}, to_move={self.player})"

    def play(self, *moves):
        game = self
        for move in moves:
            if move not in game.moves():
                raise IllegalMove(game, move)
            game = game.after(move)
        return game


class TicTacToe(Game):
    LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

    @classmethod
    def empty(cls):
        return cls("." * 9)

    def moves(self):
        return [i for i, c in enumerate(self.cells) if c == "."]

    def after(self, move):
        cells = list(self.cells)
        cells[move] = self.player
        return TicTacToe(cells, 1 - self.turn)

    def winner(self):
        for a, b, c in self.LINES:
            if self.cells[a] != "." and self.cells[a] == self.cells[b] == self.cells[c]:
                return self.cells[a]
        return None

    def board(self):
        return ["".join(self.cells[r * 3:r * 3 + 3]) for r in range(3)]


def solve_tictactoe():
    memo = {}

    def value(game):
        """+1 if X wins with best play, -1 if O does, 0 for a draw."""
        if game in memo:
            return memo[game]
        w = game.winner()
        if w is not None:
            result = 1 if w == "X" else -1
        elif not game.moves():
            result = 0
        else:
            scores = [value(game.after(m)) for m in game.moves()]
            result = max(scores) if game.player == "X" else min(scores)
        memo[game] = result
        return result

    start = TicTacToe.empty()
    print("tic-tac-toe value:", value(start), "positions:", len(memo))
    outcomes = Counter(memo.values())
    print("  by value:", sorted(outcomes.items()))
    finished = [g for g in memo if g.winner() or not g.moves()]
    print("  finished positions:", len(finished),
          "won by X:", sum(1 for g in finished if g.winner() == "X"))
    first_moves = {m: value(start.after(m)) for m in start.moves()}
    print("  first moves:", first_moves)
    game = start
    while not game.winner() and game.moves():
        best = max if game.player == "X" else min
        move = best(game.moves(), key=lambda m: (value(game.after(m)), -m))
        game = game.after(move)
    print("  perfect play ends:", game.board(), "winner:", game.winner())
    try:
        start.play(4, 4)
    except IllegalMove as e:
        print("  refused:", e, e.move)


class ConnectFour(Game):
    WIDTH, HEIGHT, NEED = 6, 5, 4

    @classmethod
    def empty(cls):
        return cls("." * (cls.WIDTH * cls.HEIGHT))

    def column_height(self, col):
        return sum(1 for r in range(self.HEIGHT) if self.cells[r * self.WIDTH + col] != ".")

    def moves(self):
        centre = (self.WIDTH - 1) / 2
        cols = [c for c in range(self.WIDTH) if self.column_height(c) < self.HEIGHT]
        return sorted(cols, key=lambda c: (abs(c - centre), c))

    def after(self, col):
        row = self.column_height(col)
        cells = list(self.cells)
        cells[row * self.WIDTH + col] = self.player
        return ConnectFour(cells, 1 - self.turn)

    @classmethod
    @functools.lru_cache(maxsize=None)
    def windows(cls):
        out = []
        w, h, n = cls.WIDTH, cls.HEIGHT, cls.NEED
        for r, c in itertools.product(range(h), range(w)):
            for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                end_r, end_c = r + dr * (n - 1), c + dc * (n - 1)
                if 0 <= end_r < h and 0 <= end_c < w:
                    out.append(tuple((r + dr * k) * w + c + dc * k for k in range(n)))
        return tuple(out)

    def winner(self):
        for win in self.windows():
            first = self.cells[win[0]]
            if first != "." and all(self.cells[i] == first for i in win[1:]):
                return first
        return None

    def evaluate(self):
        """Heuristic from X's point of view: open windows weighted by how full they are."""
        weights = {1: 1, 2: 4, 3: 16}
        score = 0
        for win in self.windows():
            stones = [self.cells[i] for i in win]
            xs, os_ = stones.count("X"), stones.count("O")
            if xs and not os_:
                score += weights.get(xs, 0)
            elif os_ and not xs:
                score -= weights.get(os_, 0)
        return score

    def board(self):
        return ["".join(self.cells[r * self.WIDTH:(r + 1) * self.WIDTH])
                for r in reversed(range(self.HEIGHT))]


WIN = 10_000


def alphabeta(game, depth, table):
    """Best move for the player to move, searched `depth` plies with alpha-beta pruning."""
    nodes = 0

    def search(g, d, alpha, beta):
        nonlocal nodes
        nodes += 1
        w = g.winner()
        if w is not None:
            return (WIN + d) if w == "X" else -(WIN + d)
        moves = g.moves()
        if not moves:
            return 0
        if d == 0:
            return g.evaluate()
        entry = table.get((g, d))
        if entry is not None:
            lo, hi = entry
            if lo >= beta:
                return lo
            if hi <= alpha:
                return hi
        a0, b0 = alpha, beta
        maximizing = g.player == "X"
        best = -WIN * 10 if maximizing else WIN * 10
        for m in moves:
            v = search(g.after(m), d - 1, alpha, beta)
            if maximizing:
                best = max(best, v)
                alpha = max(alpha, v)
            else:
                best = min(best, v)
                beta = min(beta, v)
            if alpha >= beta:
                break
        if best <= a0:
            table[(g, d)] = (-WIN * 10, best)
        elif best >= b0:
            table[(g, d)] = (best, WIN * 10)
        else:
            table[(g, d)] = (best, best)
        return best

    maximizing = game.player == "X"
    best_move, best_score = None, None
    for m in game.moves():
        v = search(game.after(m), depth - 1, -WIN * 10, WIN * 10)
        if best_score is None or (v > best_score if maximizing else v < best_score):
            best_move, best_score = m, v
    return Outcome(best_score, best_move, nodes)


def play_connect_four(depths):
    game = ConnectFour.empty()
    tables = {"X": {}, "O": {}}
    history, total_nodes = [], 0
    while game.winner() is None and game.moves():
        outcome = alphabeta(game, depths[game.player], tables[game.player])
        total_nodes += outcome.nodes
        history.append(outcome.move)
        game = game.after(outcome.move)
    print(f"connect-four depths {depths}: {len(history)} moves, winner {game.winner() or 'nobody'}")
    print("  moves:", "".join(map(str, history)), "nodes:", total_nodes,
          "table sizes:", {k: len(v) for k, v in tables.items()})
    for row in game.board():
        print("  |" + row + "|")
    return game


def main():
    solve_tictactoe()
    print("windows:", len(ConnectFour.windows()), ConnectFour.windows()[:3])
    opening = ConnectFour.empty().play(2, 3, 2)
    print(opening, "eval", opening.evaluate(), "moves", opening.moves())
    try:
        opening.play(*[0] * 6)
    except IllegalMove as e:
        print("refused:", e)
    for depths in ({"X": 4, "O": 4}, {"X": 5, "O": 3}, {"X": 3, "O": 4}):
        play_connect_four(depths)


main()
