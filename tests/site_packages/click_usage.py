# slow: the first build compiles ~40-110 modules (site and stdlib)
import click
from click.testing import CliRunner


@click.group()
@click.option("--verbose", "-v", count=True, help="More output.")
@click.pass_context
def cli(ctx, verbose):
    """A tool with subcommands."""
    ctx.obj = {"verbose": verbose}


@cli.command()
@click.argument("name")
@click.option("--count", default=1, type=int, show_default=True, help="How many times.")
@click.option("--shout/--no-shout", default=False)
@click.pass_obj
def greet(obj, name, count, shout):
    """Greet NAME."""
    for _ in range(count):
        msg = f"Hello {name}!"
        click.echo(msg.upper() if shout else msg)
    if obj["verbose"]:
        click.echo(f"verbosity {obj['verbose']}", err=True)


@cli.command()
@click.option("--color", type=click.Choice(["red", "green"]), required=True)
@click.option("--size", type=click.IntRange(1, 10), default=5)
@click.argument("files", nargs=-1)
def paint(color, size, files):
    click.echo(f"{color} {size} {list(files)}")


runner = CliRunner(mix_stderr=False)
for args in [["--help"], ["greet", "--help"], ["greet", "Ann", "--count", "2"], ["-vv", "greet", "Bo", "--shout"],
             ["paint", "--color", "red", "a", "b"], ["paint", "--color", "blue"], ["paint", "--color", "red", "--size", "11"],
             ["greet"], ["nope"], ["paint", "--help"]]:
    res = runner.invoke(cli, args, prog_name="tool")
    print(f"$ tool {' '.join(args)} -> {res.exit_code}")
    print(res.stdout, end="")
    print("stderr:", res.stderr, end="")
print(click.style("x", fg="red", bold=True).encode(), click.unstyle("\x1b[31mx\x1b[0m"))
print(click.wrap_text("a " * 40, width=30))
print(click.format_filename(b"/tmp/f\xff"), click.types.convert_type(int)("7", None, None))
