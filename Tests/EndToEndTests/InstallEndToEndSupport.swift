import Foundation
import Testing
import TestSupport

/// A kiln-made virtual environment plus its own cache, for end-to-end install tests.
struct InstallSandbox {
    let directory: TemporaryDirectory
    let python: String
    var venv: String { directory.file("venv") }
    var cache: String { directory.file("cache") }
    var wheels: String { directory.file("wheels") }
    var venvPython: String { venv + "/bin/python" }

    init(minor: String = "3.12", seed: Bool = false) throws {
        directory = try TemporaryDirectory("kiln-e2e-install")
        python = try #require(PyenvInterpreters.path(for: minor))
        try FileManager.default.createDirectory(atPath: wheels, withIntermediateDirectories: true)
        let result = try kiln(["venv", venv, "--python", python] + (seed ? ["--seed"] : []))
        try #require(result.status == 0, "kiln venv failed: \(result.stderr)")
    }

    func kiln(_ arguments: [String], cache: String? = nil) throws -> KilnBinary.Result {
        try KilnBinary.run(arguments + ["--cache-dir", cache ?? self.cache], environment: ["VIRTUAL_ENV": nil])
    }

    func install(_ wheels: [String], _ extra: [String] = []) throws -> KilnBinary.Result {
        try kiln(["install", "--python", venv] + extra + wheels)
    }

    /// Runs the venv's interpreter.
    func run(_ arguments: [String]) throws -> KilnBinary.Result {
        try ProcessHelper.run(venvPython, arguments, environment: ["VIRTUAL_ENV": nil, "PYTHONDONTWRITEBYTECODE": "1"])
    }

    /// Problems with the environment as an independent checker (Python, not kiln) sees them:
    /// more than one dist-info per name, a RECORD that disagrees with the disk, leftover
    /// temporaries or journal. Empty when consistent.
    func consistencyProblems() throws -> [String] {
        let result = try run(["-I", "-c", Self.checker, venv])
        guard result.status == 0 else { return ["checker failed: \(result.stderr)"] }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    private static let checker = #"""
import base64, hashlib, os, re, sys, sysconfig
venv = sys.argv[1]
site = sysconfig.get_paths()["purelib"]
seen = {}
for entry in sorted(os.listdir(site)):
    if not entry.endswith(".dist-info"):
        continue
    name = re.sub(r"[-_.]+", "-", entry.split("-")[0]).lower()
    if name in seen:
        print("two dist-info for %s: %s %s" % (name, seen[name], entry))
    seen[name] = entry
    meta = os.path.join(site, entry, "METADATA")
    if not os.path.exists(meta) or os.path.getsize(meta) == 0:
        print("missing or empty METADATA in " + entry)
    record = os.path.join(site, entry, "RECORD")
    if not os.path.exists(record):
        print("missing RECORD in " + entry)
        continue
    import csv
    for row in csv.reader(open(record)):
        path = os.path.normpath(os.path.join(site, row[0]))
        if not os.path.exists(path):
            print("RECORD of %s lists missing %s" % (entry, row[0]))
            continue
        if row[1]:
            algorithm, expected = row[1].split("=", 1)
            data = open(path, "rb").read()
            actual = base64.urlsafe_b64encode(hashlib.new(algorithm, data).digest()).rstrip(b"=").decode()
            if actual != expected:
                print("hash mismatch for " + row[0])
            if row[2] and int(row[2]) != len(data):
                print("size mismatch for " + row[0])
for top, dirs, files in os.walk(venv):
    for name in files + dirs:
        if name.startswith(".kiln-"):
            print("leftover temporary " + os.path.join(top, name))
if os.path.exists(os.path.join(venv, ".kiln", "journal")):
    print("journal left behind")
"""#
}
