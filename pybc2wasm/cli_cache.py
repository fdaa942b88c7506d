"""`pybc2wasm cache`: where the build cache is, how big each part is, and pruning it."""
from __future__ import annotations

import click

from .cache import cache_root
from .cache_prune import DEFAULT_LIMIT, MIN_AGE, configured_limit, human, parse_size, prune, section_sizes
from .cli import main


@main.group()
def cache():
    """Inspect or shrink the build cache ($PYBC2WASM_CACHE, default ~/.cache/pybc2wasm).

    \b
    Every build reuses what it can from the cache and marks what it reused. After a build,
    at most once an hour, entries are removed least recently used first while the cache
    is over $PYBC2WASM_CACHE_LIMIT (default 10G; 0 turns this off). Entries used in the
    last hour are always kept. Deleting the whole directory is safe when nothing builds.
    """


@cache.command()
def info():
    """Show the cache's location, the size of each part and the limit."""
    root = cache_root()
    sizes = section_sizes(root)
    click.echo(f"cache: {root}")
    for name, size in sizes.items():
        click.echo(f"  {name:<24} {human(size):>8}")
    click.echo(f"  {'total':<24} {human(sum(sizes.values())):>8}")
    limit = configured_limit()
    click.echo(f"limit: {human(limit) if limit else 'none (PYBC2WASM_CACHE_LIMIT=0)'}")


@cache.command(name="prune")
@click.option("--max-size", metavar="SIZE", default=None,
              help="Keep at most this much (e.g. 2G, 500M; 0 removes everything not in use). "
                   "Default: $PYBC2WASM_CACHE_LIMIT, else %s." % human(DEFAULT_LIMIT))
@click.option("--keep-recent", metavar="MINUTES", type=float, default=MIN_AGE / 60, show_default=True,
              help="Never remove entries used within this many minutes (a build in another "
                   "process may be using them).")
def prune_command(max_size, keep_recent):
    """Remove least recently used build products until the cache fits."""
    if max_size is None:
        limit = configured_limit() or DEFAULT_LIMIT
    else:
        try:
            limit = parse_size(max_size)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--max-size")
    result = prune(limit, min_age=keep_recent * 60)
    click.echo(f"removed {result.removed} entries ({human(result.freed)}); "
               f"{human(result.remaining)} of build products kept in {cache_root()}")
