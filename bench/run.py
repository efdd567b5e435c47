#!/usr/bin/env python3
"""Times kiln against uv, pip and pypa/build with hyperfine and prints medians and kiln/uv ratios.

Each file in bench/workloads/*.toml is one workload with one or more cases. A case names the
command for each tool (kiln, uv, pip, build) and optionally a `prepare` command that hyperfine runs before every timed
run (to make a run cold). Placeholders: {kiln} {uv} {pip} {python} {scratch} {bench}. A case with
`settle = true` starts each tool's series from a settled file system: written back, and past the
few seconds in which ext4 without a journal avoids reusing freed inodes (deletes made by the
setup, or by the previous tool's series, would otherwise slow whichever tool runs next). A case
with `interleave = true` is timed by this script instead of hyperfine, one run of each tool in
turn, so that drift in the machine reaches every tool alike.

Every timed run is checked (a benchmark must not time a tool that did nothing): a case, or its
workload, declares what a run leaves behind, and the script stops with an error naming the tool,
the case and what was missing when a run did not do its job. A case with no check is refused.
- `expect_venv = "{scratch}/env-{tool}"`: the environment the run filled ({tool} is the tool's
  name); it must exist and hold the `.dist-info` of every name in `expect_dist_info = [...]`, or of
  every requirement of `expect_dist_info_from = "requirements/FILE"` (at the pinned version).
- `expect_venvs = N`: `expect_venv` is then a glob pattern that must match N environments (runs
  that fill several at once), each checked as above.
- `expect_pins = [...]` or `expect_pins_from = "requirements/FILE"`: the run printed a `name==`
  line for each.
- `expect_stdout_matches = "REGEX"`: the run's output matches (re.search).
- `expect_out_dir = "{scratch}/out-{tool}"` (a glob pattern) and `expect_out_files = [...]`: the
  pattern matches `expect_out_dirs` directories (default 1), each holding exactly those files
  (hidden files aside), byte-identical from one directory to the next (the prepare step must
  remove the directories, or a run that built nothing would pass on the last run's files).
Checks run outside the timing: for hyperfine, in the `--prepare` step before the next run (and once
more after the last), the timed command only writing its output to a file and touching a marker;
for interleaved cases, between runs.

uv, pip and build come from the package index, installed into a throwaway venv (bench/.venv) whose
interpreter is {python}: run this script with the Python the workloads should use.
"""
import argparse
import glob
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

BENCH = pathlib.Path(__file__).resolve().parent
TOOLS = ("kiln", "uv", "pip", "build")


def ensure_tools(venv: pathlib.Path) -> dict:
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    for attempt in range(3):
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--upgrade", "pip", "uv", "build"], check=False)
        if done.returncode == 0:
            break
    else:
        sys.exit("bench: cannot install uv, pip and build from the package index")
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


class CheckFailed(Exception):
    """A timed run did not do its job."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_of(path: pathlib.Path) -> list:
    """(canonical name, pinned version or None) for each requirement line of a requirements file."""
    found = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:==\s*([^\s;,]+))?", line)
        if match:
            found.append((canonical(match.group(1)), match.group(2)))
    return found


def expectations(workload: dict, case: dict) -> dict:
    """What every run of `case` must leave behind, from the case's keys or else its workload's."""
    def get(key):
        return case.get(key, workload.get(key))
    spec = {}
    if get("expect_venv"):
        spec["venv"] = get("expect_venv")
        if get("expect_venvs"):
            spec["venvs"] = int(get("expect_venvs"))
        if get("expect_dist_info_from"):
            spec["dist_info"] = requirements_of(BENCH / get("expect_dist_info_from"))
        else:
            spec["dist_info"] = [(canonical(name), None) for name in get("expect_dist_info") or []]
    elif get("expect_dist_info") or get("expect_dist_info_from"):
        sys.exit(f"bench: {workload['name']} ({case['label']}) expects .dist-info directories but names no expect_venv")
    if get("expect_pins_from"):
        spec["pins"] = [name for name, _ in requirements_of(BENCH / get("expect_pins_from"))]
    elif get("expect_pins"):
        spec["pins"] = [canonical(name) for name in get("expect_pins")]
    if get("expect_stdout_matches"):
        spec["stdout_matches"] = get("expect_stdout_matches")
    if get("expect_out_dir"):
        if not get("expect_out_files"):
            sys.exit(f"bench: {workload['name']} ({case['label']}) names expect_out_dir but no expect_out_files")
        spec["out_dir"] = get("expect_out_dir")
        spec["out_dirs"] = int(get("expect_out_dirs") or 1)
        spec["out_files"] = sorted(get("expect_out_files"))
    if not spec:
        sys.exit(f"bench: {workload['name']} ({case['label']}) declares no check of its result "
                 "(expect_venv, expect_pins, expect_stdout_matches, expect_out_dir): a timed run that did nothing would pass")
    return spec


def needs_output(spec: dict) -> bool:
    return "pins" in spec or "stdout_matches" in spec


def problems_of_out_dirs(spec: dict, pattern: str) -> list:
    """Built files: `pattern` matches the expected number of directories, each holding exactly the
    expected files, the same bytes in every one."""
    directories = sorted(pathlib.Path(path) for path in glob.glob(pattern) if os.path.isdir(path))
    if len(directories) != spec["out_dirs"]:
        return [f"{len(directories)} directories match {pattern} (expected {spec['out_dirs']})"]
    problems, first = [], {}
    for directory in directories:
        # uv build leaves a .gitignore in an output directory it creates: hidden files do not count
        present = sorted(entry.name for entry in directory.iterdir() if not entry.name.startswith("."))
        if present != spec["out_files"]:
            problems.append(f"{directory} holds {present} (expected {spec['out_files']})")
            continue
        contents = {name: (directory / name).read_bytes() for name in present}
        if not first:
            first = contents
        elif contents != first:
            problems.append(f"{directory} differs from {directories[0]}")
    return problems


def problems_of_run(spec: dict, venv: str, output: pathlib.Path, out_dir: str = "") -> list:
    """What the run failed to do (empty when it did its job)."""
    problems = []
    if "venvs" in spec:
        matched = sorted(path for path in glob.glob(venv) if os.path.isdir(path))
        if len(matched) != spec["venvs"]:
            problems.append(f"{len(matched)} environments match {venv} (expected {spec['venvs']})")
        single = {key: value for key, value in spec.items() if key not in ("venvs", "pins", "stdout_matches", "out_dir")}
        for path in matched:
            problems += problems_of_run(single, path, output)
    elif "venv" in spec:
        root = pathlib.Path(venv)
        if not (root / "pyvenv.cfg").is_file():
            problems.append(f"no virtual environment at {venv} (pyvenv.cfg missing)")
        else:
            present = {}
            for site in root.glob("lib/python*/site-packages"):
                for entry in site.glob("*.dist-info"):
                    name, _, version = entry.name[:-len(".dist-info")].partition("-")
                    present[canonical(name)] = version
            missing = [name for name, _ in spec["dist_info"] if name not in present]
            wrong = [f"{name} {present[name]} (expected {version})" for name, version in spec["dist_info"]
                     if version and name in present and present[name] != version]
            if missing:
                problems.append(f"{len(missing)} of {len(spec['dist_info'])} expected .dist-info missing from "
                                f"{venv}: {', '.join(missing)}")
            if wrong:
                problems.append(f"wrong versions in {venv}: {', '.join(wrong)}")
    if needs_output(spec):
        text = output.read_text(errors="replace") if output.exists() else ""
        if "pins" in spec:
            pinned = {canonical(m.group(1)) for m in re.finditer(r"(?m)^\s*([A-Za-z0-9][A-Za-z0-9._-]*)==", text)}
            missing = [name for name in spec["pins"] if name not in pinned]
            if missing:
                problems.append(f"{len(missing)} of {len(spec['pins'])} expected pins not printed: "
                                f"{', '.join(name + '==' for name in missing)} (printed {len(text.splitlines())} lines)")
        if "stdout_matches" in spec and not re.search(spec["stdout_matches"], text):
            problems.append(f"output does not match /{spec['stdout_matches']}/: {text.strip()[:200]!r}")
    if "out_dir" in spec:
        problems += problems_of_out_dirs(spec, out_dir)
    return problems


def check_run(spec: dict, tool: str, label: str, places: dict, output: pathlib.Path, run_number: int) -> None:
    venv = spec.get("venv", "").format(**places, tool=tool)
    out_dir = spec.get("out_dir", "").format(**places, tool=tool)
    problems = problems_of_run(spec, venv, output, out_dir)
    if problems:
        raise CheckFailed(f"{tool} did not do its job in {label}, run {run_number} (warmup runs included): "
                          + "; ".join(problems))


def check_step(state_path: str) -> int:
    """`run.py --check STATE`: hyperfine's --prepare step. Checks the run just before it (if one
    ran: the timed command leaves a marker), counts it, and fails with the problems written to
    the state's report file."""
    state = json.loads(pathlib.Path(state_path).read_text())
    marker, count = pathlib.Path(state["marker"]), pathlib.Path(state["count"])
    if not marker.exists():
        return 0
    marker.unlink()
    checked = int(count.read_text()) if count.exists() else 0
    count.write_text(str(checked + 1))
    try:
        check_run(state["spec"], state["tool"], state["label"], state["places"], pathlib.Path(state["output"]), checked + 1)
    except CheckFailed as failure:
        pathlib.Path(state["report"]).write_text(str(failure))
        print(f"bench: {failure}", file=sys.stderr)
        return 1
    return 0


def run_interleaved(case: dict, places: dict, runs: int, warmup: int, spec: dict, label: str, output: pathlib.Path) -> dict:
    """One run of each tool in turn, `runs` rounds: when the machine drifts (here, the file system
    slowing down for minutes after large deletes), every tool sees the same drift. Times are wall
    clock around `bash -c`, less the median time of `bash -c true`. Each run is checked after its
    timing ends."""
    def timed(command: str) -> float:
        with open(output, "wb") as sink:
            start = time.perf_counter()
            subprocess.run(["bash", "-c", command], check=True, stdout=sink, stderr=subprocess.DEVNULL)
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
            check_run(spec, tool, label, places, output, round_number + 1)
            if round_number >= warmup:
                samples[tool].append(elapsed)
    for tool in tools:
        print(f"  {tool}: {warmup + runs} runs checked", file=sys.stderr)
    return {tool: statistics.median(values) for tool, values in samples.items()}


def run_case(case: dict, places: dict, runs: int, warmup: int, out: pathlib.Path, spec: dict, label: str) -> dict:
    checks = out.parent / "checks"
    checks.mkdir(exist_ok=True)
    if case.get("interleave"):
        return run_interleaved(case, places, runs, warmup, spec, label, checks / "output")
    medians = {}
    for tool in TOOLS:
        command = case.get(tool)
        if not command:
            continue
        command = command.format(**places)
        # The timed command also writes its output to a file (when the check reads it) and leaves
        # a marker: a shell redirection and `:`, no process. The check itself runs in --prepare.
        state = {"spec": spec, "tool": tool, "label": label, "places": places,
                 "output": str(checks / f"{tool}.out"), "marker": str(checks / f"{tool}.ran"),
                 "count": str(checks / f"{tool}.count"), "report": str(checks / f"{tool}.report")}
        for leftover in ("output", "marker", "count", "report"):
            pathlib.Path(state[leftover]).unlink(missing_ok=True)
        state_path = checks / f"{tool}.json"
        state_path.write_text(json.dumps(state))
        redirect = f" > {state['output']}" if needs_output(spec) else ""
        command = f"{{ {command}\n}}{redirect} && : > {state['marker']}"
        check = f"{sys.executable} {BENCH / 'run.py'} --check {state_path}"
        if case.get("settle"):
            os.sync()
            time.sleep(6)
        args = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup),
                "--export-json", str(out), "--command-name", tool, "--shell", "bash"]
        prepare = case.get(f"{tool}_prepare", case.get("prepare"))
        args += ["--prepare", check + (f" && {{ {prepare.format(**places)}\n}}" if prepare else "")]
        args.append(command)
        result = subprocess.run(args, capture_output=True, text=True)
        report = pathlib.Path(state["report"])
        if result.returncode == 0:
            check_step(str(state_path))  # the last run: no --prepare follows it
        if report.exists():
            raise CheckFailed(report.read_text())
        if result.returncode != 0:
            print(f"  {tool}: failed\n{result.stderr.strip()}", file=sys.stderr)
            continue
        checked = int(pathlib.Path(state["count"]).read_text()) if pathlib.Path(state["count"]).exists() else 0
        if checked != warmup + runs:
            raise CheckFailed(f"{tool}: {label}: {checked} of {warmup + runs} runs were checked")
        print(f"  {tool}: {checked} runs checked", file=sys.stderr)
        data = json.loads(out.read_text())
        medians[tool] = data["results"][0]["median"]
    return medians


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiln", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("workloads", nargs="*", help="names of workloads (default: all)")
    if sys.argv[1:2] == ["--check"] and len(sys.argv) == 3:
        sys.exit(check_step(sys.argv[2]))
    options = parser.parse_args()
    files = sorted((BENCH / "workloads").glob("*.toml"))
    files = [path for path in files if not options.workloads or path.stem in options.workloads]
    for path in files:  # every case declares its check before anything is timed
        workload = tomllib.loads(path.read_text())
        for case in workload["case"]:
            expectations(workload, case)
    if not shutil.which("hyperfine"):
        sys.exit("bench: hyperfine is missing (apt-get install hyperfine)")
    tools = ensure_tools(BENCH / ".venv")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="kiln-bench-"))
    places = {"kiln": str(pathlib.Path(options.kiln).resolve()), "uv": tools["uv"], "pip": tools["pip"],
              "python": tools["python"], "python312": real_interpreter("3.12"),
              "python312_dir": os.path.dirname(real_interpreter("3.12")),
              "scratch": str(scratch), "bench": str(BENCH)}
    print(f"kiln {version_of([places['kiln'], '--version'])} | {version_of([tools['uv'], '--version'])} | "
          f"{version_of([tools['pip'], '--version']).split(' from ')[0]} | "
          f"build {version_of([tools['python'], '-c', 'import build; print(build.__version__)'])} | "
          f"{version_of([tools['python'], '--version'])} | {options.runs} runs, median")
    rows = []
    for path in files:
        workload = tomllib.loads(path.read_text())
        if "setup" in workload:
            subprocess.run(workload["setup"].format(**places), shell=True, check=True, executable="/bin/bash")
        for case in workload["case"]:
            label = f"{workload['name']} ({case['label']})"
            print(f"- {label}", file=sys.stderr)
            try:
                medians = run_case(case, places, case.get("runs", options.runs), case.get("warmup", options.warmup),
                                   scratch / "result.json", expectations(workload, case), label)
            except CheckFailed as failure:
                shutil.rmtree(scratch, ignore_errors=True)
                sys.exit(f"bench: stopped: {failure}")
            rows.append((label, medians))
    print()
    print(f"{'workload':<66} {'kiln':>10} {'uv':>10} {'pip':>10} {'build':>10} {'kiln/uv':>8}")
    for label, medians in rows:
        cell = lambda tool: f"{medians[tool] * 1000:8.1f}ms" if tool in medians else f"{'-':>10}"
        ratio = f"{medians['kiln'] / medians['uv']:8.2f}" if "kiln" in medians and "uv" in medians else f"{'-':>8}"
        print(f"{label:<66} {cell('kiln')} {cell('uv')} {cell('pip')} {cell('build')} {ratio}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
