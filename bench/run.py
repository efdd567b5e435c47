#!/usr/bin/env python3
"""Times kiln against uv and pip with hyperfine and prints medians and kiln/uv ratios.

Each file in bench/workloads/*.toml is one workload with one or more cases. A case names the
command for each tool and optionally a `prepare` command that hyperfine runs before every timed
run (to make a run cold). Placeholders: {kiln} {uv} {pip} {python} {scratch} {bench}. A case with
`settle = true` starts each tool's series from a settled file system: written back, and past the
few seconds in which ext4 without a journal avoids reusing freed inodes (deletes made by the
setup, or by the previous tool's series, would otherwise slow whichever tool runs next). A case
with `interleave = true` is timed by this script instead of hyperfine, one run of each tool in
turn, so that drift in the machine reaches every tool alike.

uv and pip come from the package index, installed into a throwaway venv (bench/.venv).
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

BENCH = pathlib.Path(__file__).resolve().parent
TOOLS = ("kiln", "uv", "pip")


def ensure_tools(venv: pathlib.Path) -> dict:
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    for attempt in range(3):
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--upgrade", "pip", "uv"], check=False)
        if done.returncode == 0:
            break
    else:
        sys.exit("bench: cannot install uv and pip from the package index")
    return {"uv": str(venv / "bin" / "uv"), "pip": str(venv / "bin" / "pip"), "python": str(python)}


def real_interpreter(minor: str) -> str:
    """The real `python<minor>`, not a pyenv shim (a shim adds 30+ ms to every run, and fails when
    pyenv has another version selected): the newest pyenv install of it, else what PATH runs."""
    root = pathlib.Path(os.environ.get("PYENV_ROOT") or pathlib.Path.home() / ".pyenv")
    installed = sorted(root.glob(f"versions/{minor}.*/bin/python{minor}"),
                       key=lambda p: [int(x) for x in p.parts[-3].split(".") if x.isdigit()])
    if installed:
        return str(installed[-1])
    found = shutil.which(f"python{minor}")
    if not found:
        sys.exit(f"bench: no python{minor} on this machine")
    result = subprocess.run([found, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True)
    return result.stdout.strip() or found


def version_of(command: list) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def run_interleaved(case: dict, places: dict, runs: int, warmup: int) -> dict:
    """One run of each tool in turn, `runs` rounds: when the machine drifts (here, the file system
    slowing down for minutes after large deletes), every tool sees the same drift. Times are wall
    clock around `bash -c`, less the median time of `bash -c true`."""
    def timed(command: str) -> float:
        start = time.perf_counter()
        subprocess.run(["bash", "-c", command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    tools = [tool for tool in TOOLS if case.get(tool)]
    shell = statistics.median(timed("true") for _ in range(20))
    samples = {tool: [] for tool in tools}
    for round_number in range(warmup + runs):
        for tool in tools:
            prepare = case.get(f"{tool}_prepare", case.get("prepare"))
            if prepare:
                subprocess.run(["bash", "-c", prepare.format(**places)], check=True, stdout=subprocess.DEVNULL)
            elapsed = timed(case[tool].format(**places)) - shell
            if round_number >= warmup:
                samples[tool].append(elapsed)
    return {tool: statistics.median(values) for tool, values in samples.items()}


def run_case(case: dict, places: dict, runs: int, warmup: int, out: pathlib.Path) -> dict:
    if case.get("interleave"):
        return run_interleaved(case, places, runs, warmup)
    medians = {}
    for tool in TOOLS:
        command = case.get(tool)
        if not command:
            continue
        command = command.format(**places)
        if case.get("settle"):
            os.sync()
            time.sleep(6)
        args = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup),
                "--export-json", str(out), "--command-name", tool, "--shell", "bash"]
        prepare = case.get(f"{tool}_prepare", case.get("prepare"))
        if prepare:
            args += ["--prepare", prepare.format(**places)]
        args.append(command)
        result = subprocess.run(args, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"  {tool}: failed\n{result.stderr.strip()}", file=sys.stderr)
            continue
        data = json.loads(out.read_text())
        medians[tool] = data["results"][0]["median"]
    return medians


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiln", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("workloads", nargs="*", help="names of workloads (default: all)")
    options = parser.parse_args()
    if not shutil.which("hyperfine"):
        sys.exit("bench: hyperfine is missing (apt-get install hyperfine)")
    tools = ensure_tools(BENCH / ".venv")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="kiln-bench-"))
    places = {"kiln": str(pathlib.Path(options.kiln).resolve()), "uv": tools["uv"], "pip": tools["pip"],
              "python": tools["python"], "python312": real_interpreter("3.12"),
              "python312_dir": os.path.dirname(real_interpreter("3.12")),
              "scratch": str(scratch), "bench": str(BENCH)}
    print(f"kiln {version_of([places['kiln'], '--version'])} | {version_of([tools['uv'], '--version'])} | "
          f"{version_of([tools['pip'], '--version']).split(' from ')[0]} | {options.runs} runs, median")
    rows = []
    files = sorted((BENCH / "workloads").glob("*.toml"))
    for path in files:
        workload = tomllib.loads(path.read_text())
        if options.workloads and path.stem not in options.workloads:
            continue
        if "setup" in workload:
            subprocess.run(workload["setup"].format(**places), shell=True, check=True, executable="/bin/bash")
        for case in workload["case"]:
            label = f"{workload['name']} ({case['label']})"
            print(f"- {label}", file=sys.stderr)
            medians = run_case(case, places, case.get("runs", options.runs), case.get("warmup", options.warmup),
                               scratch / "result.json")
            rows.append((label, medians))
    print()
    print(f"{'workload':<52} {'kiln':>10} {'uv':>10} {'pip':>10} {'kiln/uv':>8}")
    for label, medians in rows:
        cell = lambda tool: f"{medians[tool] * 1000:8.1f}ms" if tool in medians else f"{'-':>10}"
        ratio = f"{medians['kiln'] / medians['uv']:8.2f}" if "kiln" in medians and "uv" in medians else f"{'-':>8}"
        print(f"{label:<52} {cell('kiln')} {cell('uv')} {cell('pip')} {ratio}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
