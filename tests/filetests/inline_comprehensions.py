def height(cells, col):
    return sum(1 for r in range(4) if cells[r * 3 + col] != ".")


def moves(cells):
    return [i for i, c in enumerate(cells) if c == "."]


class Board:
    def rows(self, width):
        return [self.cells[r * width:(r + 1) * width] for r in range(3)]
