import Foundation

/// A stand-in interpreter for `--system` tests: a script at `<prefix>/bin/python3` that runs a real
/// interpreter but reports `prefix` as its own prefix, with a made-up sysconfig scheme under it
/// (`lib/site-packages`, `bin`, `include`, stdlib in `lib/stdlib`). kiln inspects it like any
/// interpreter, and installs go into `prefix`, never into the real installation.
public struct RelocatedInterpreter: Sendable {
    public let prefix: String
    public var executable: String { prefix + "/bin/python3" }
    public var sitePackages: String { prefix + "/lib/site-packages" }
    public var stdlib: String { prefix + "/lib/stdlib" }

    public init(prefix: String, running real: String) throws {
        self.prefix = prefix
        for directory in [prefix + "/bin", prefix + "/lib/stdlib"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // The real interpreter answers kiln's probe; a second run rewrites where things live.
        let rewrite = """
            import json, sys
            prefix, fake = sys.argv[1], sys.argv[2]
            report = json.load(sys.stdin)
            report.update(executable=fake, prefix=prefix, base_prefix=prefix, is_venv=False)
            report["paths"] = {"purelib": prefix + "/lib/site-packages", "platlib": prefix + "/lib/site-packages",
                "scripts": prefix + "/bin", "include": prefix + "/include", "data": prefix, "stdlib": prefix + "/lib/stdlib"}
            json.dump(report, sys.stdout)
            """
        try ExecutableScript.write(
            "'\(real)' \"$@\" | '\(real)' -I -c '\(rewrite)' '\(prefix)' '\(executable)'", to: executable)
    }

    /// Marks the interpreter as managed by the system's package manager (PEP 668).
    public func markExternallyManaged() throws {
        try "[externally-managed]\nError=use apt\n".write(toFile: stdlib + "/EXTERNALLY-MANAGED", atomically: false, encoding: .utf8)
    }
}
