import Foundation

/// A source distribution written by a test: a project whose build backend lives in the tree
/// (`backend-path`, `requires = []` unless given), packed with the system `tar` (or `zip`).
/// The backend (see `InTreeBackendSource`) appends each hook it runs to `runLog`, writes what it
/// was given to `probeDirectory`, and builds a small, reproducible wheel.
public struct SdistFixture: Sendable {
    public var name = "demo-pkg"
    public var version = "1.0"
    /// `Requires-Python` in PKG-INFO and `[project]`.
    public var pkgInfoRequiresPython: String? = nil
    public var projectRequiresPython: String? = nil
    /// `build-system.requires`.
    public var buildRequires: [String] = []
    /// Whether pyproject.toml has `[build-system]` at all (false: a setup.py project, legacy backend).
    public var hasBuildSystem = true
    /// What the backend's `get_requires_for_build_wheel` returns.
    public var getRequires: [String] = []
    /// Hooks removed from the backend (to test missing optional hooks).
    public var omittedHooks: [String] = []
    /// A hook that raises `RuntimeError("kiln test failure")`.
    public var raisingHook: String? = nil
    /// Text the backend prints on stdout in every hook.
    public var stdoutText: String? = nil
    /// Where the backend appends one line per hook run (nil: nowhere).
    public var runLog: String? = nil
    /// Where the backend writes `<hook>.json` with os.environ, its arguments and its cwd (nil: nowhere).
    public var probeDirectory: String? = nil
    /// Modification time of PKG-INFO inside the archive (seconds since the epoch).
    public var pkgInfoModificationTime: Int? = nil
    /// Extra files in the tree, by relative path.
    public var files: [String: String] = [:]
    /// Seconds the backend sleeps in build_wheel (to widen races).
    public var buildDelay: Double = 0
    /// With `buildDelay`: build_wheel stops waiting as soon as this file exists.
    public var releaseFile: String? = nil
    /// A module build_wheel imports (one a build requirement provides).
    public var importInBuild: String? = nil
    /// A setup.py project with no pyproject.toml: PEP 517's default (setuptools' legacy backend).
    public var legacySetupPy = false
    /// `Requires-Dist` of the METADATA the backend writes (prepare_metadata, the wheel); PKG-INFO
    /// (Metadata-Version 2.1) does not list them, so only a build tells them.
    public var requiresDist: [String] = []

    public init(name: String = "demo-pkg", version: String = "1.0") {
        self.name = name
        self.version = version
    }

    public var normalizedName: String { name.lowercased().replacingOccurrences(of: "-", with: "_") }
    public var topDirectory: String { "\(normalizedName)-\(version)" }
    public var sdistFilename: String { "\(topDirectory).tar.gz" }
    public var wheelFilename: String { "\(normalizedName)-\(version)-py3-none-any.whl" }

    /// Writes the tree under `directory` and returns its root.
    @discardableResult
    public func writeTree(in directory: String) throws -> String {
        let root = directory + "/" + topDirectory
        var contents: [String: String] = files
        contents["\(normalizedName)/__init__.py"] = "VERSION = '\(version)'\n"
        var pkgInfo = "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\n"
        if let pkgInfoRequiresPython { pkgInfo += "Requires-Python: \(pkgInfoRequiresPython)\n" }
        contents["PKG-INFO"] = pkgInfo
        var project = "[project]\nname = \"\(name)\"\nversion = \"\(version)\"\n"
        if let projectRequiresPython { project += "requires-python = \"\(projectRequiresPython)\"\n" }
        if legacySetupPy {
            contents["setup.py"] = "from setuptools import setup\nsetup(name=\"\(name)\", version=\"\(version)\", packages=[\"\(normalizedName)\"])\n"
        } else if hasBuildSystem {
            let requires = buildRequires.map { "\"\($0)\"" }.joined(separator: ", ")
            contents["pyproject.toml"] = "[build-system]\nrequires = [\(requires)]\nbuild-backend = \"kiln_test_backend\"\nbackend-path = [\"_backend\"]\n\n" + project
            contents["_backend/kiln_test_backend.py"] = InTreeBackendSource.text(self)
        } else {
            contents["pyproject.toml"] = project
        }
        for (path, text) in contents {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        if let pkgInfoModificationTime {
            let date = Date(timeIntervalSince1970: TimeInterval(pkgInfoModificationTime))
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: root + "/PKG-INFO")
        }
        return root
    }

    /// Writes the tree and packs it as `<top>.tar.gz` (or `.zip`) in `directory`; returns the archive's path.
    public func writeSdist(in directory: String, zip: Bool = false) throws -> String {
        let staging = directory + "/.staging-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try writeTree(in: staging)
        let archive = directory + "/" + (zip ? "\(topDirectory).zip" : sdistFilename)
        let result = zip
            ? try ProcessHelper.run("/usr/bin/env", ["sh", "-c", "cd \"$1\" && python3 -m zipfile -c \"$2\" \"$3\"", "sh", staging, archive, topDirectory])
            : try ProcessHelper.run("/usr/bin/tar", ["-czf", archive, "-C", staging, "--sort=name", "--owner=0", "--group=0", topDirectory])
        guard result.status == 0 else { throw FixtureError(message: "packing \(archive) failed: \(result.stderr)") }
        return archive
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// The in-tree backend's source: every PEP 517/660 hook, with the fixture's switches baked in.
public enum InTreeBackendSource {
    public static func text(_ fixture: SdistFixture) -> String {
        func literal(_ value: String?) -> String {
            guard let value else { return "None" }
            let data = try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes])
            let text = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
            return String(text.dropFirst().dropLast())
        }
        let list = "[" + fixture.getRequires.map(literal).joined(separator: ", ") + "]"
        let omitted = "[" + fixture.omittedHooks.map(literal).joined(separator: ", ") + "]"
        let requiresDist = fixture.requiresDist.map { "Requires-Dist: \($0)\n" }.joined()
        return """
        import base64, hashlib, json, os, sys, time, zipfile

        NAME = \(literal(fixture.normalizedName))
        DIST_NAME = \(literal(fixture.name))
        VERSION = \(literal(fixture.version))
        RUN_LOG = \(literal(fixture.runLog))
        PROBE_DIR = \(literal(fixture.probeDirectory))
        RAISING = \(literal(fixture.raisingHook))
        STDOUT_TEXT = \(literal(fixture.stdoutText))
        GET_REQUIRES = \(list)
        OMITTED = \(omitted)
        BUILD_DELAY = \(fixture.buildDelay)
        IMPORT_IN_BUILD = \(literal(fixture.importInBuild))
        RELEASE_FILE = \(literal(fixture.releaseFile))
        REQUIRES_DIST = \(literal(requiresDist))


        def _enter(hook, **arguments):
            if RUN_LOG:
                with open(RUN_LOG, "a") as handle:
                    handle.write(hook + "\\n")
            if PROBE_DIR:
                with open(os.path.join(PROBE_DIR, hook + ".json"), "w") as handle:
                    json.dump({"environ": dict(os.environ), "arguments": arguments, "cwd": os.getcwd(),
                               "sys_path": sys.path, "executable": sys.executable, "pid": os.getpid()}, handle)
            if STDOUT_TEXT:
                print(STDOUT_TEXT)
                sys.stdout.flush()
            if RAISING == hook:
                raise RuntimeError("kiln test failure")


        def _record_row(name, data):
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            return "%s,sha256=%s,%d" % (name, digest, len(data))


        def _dist_info_files():
            dist_info = "%s-%s.dist-info" % (NAME, VERSION)
            return dist_info, {
                dist_info + "/METADATA": ("Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (DIST_NAME, VERSION) + REQUIRES_DIST).encode(),
                dist_info + "/WHEEL": b"Wheel-Version: 1.0\\nGenerator: kiln-test-backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
            }


        def _write_wheel(directory, extra_files):
            epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or int(time.time())
            date_time = time.gmtime(max(epoch, 315532800))[:6]
            dist_info, files = _dist_info_files()
            files.update(extra_files)
            record_name = dist_info + "/RECORD"
            rows = [_record_row(name, files[name]) for name in sorted(files)] + [record_name + ",,"]
            files[record_name] = ("\\n".join(rows) + "\\n").encode()
            filename = "%s-%s-py3-none-any.whl" % (NAME, VERSION)
            with zipfile.ZipFile(os.path.join(directory, filename), "w", zipfile.ZIP_DEFLATED) as archive:
                for name in sorted(files):
                    info = zipfile.ZipInfo(name, date_time=date_time)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, files[name])
            return filename


        def get_requires_for_build_wheel(config_settings=None):
            _enter("get_requires_for_build_wheel", config_settings=config_settings)
            return list(GET_REQUIRES)


        def get_requires_for_build_sdist(config_settings=None):
            _enter("get_requires_for_build_sdist", config_settings=config_settings)
            return []


        def get_requires_for_build_editable(config_settings=None):
            _enter("get_requires_for_build_editable", config_settings=config_settings)
            return ["editables-helper"]


        def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
            _enter("prepare_metadata_for_build_wheel", config_settings=config_settings)
            return _prepare(metadata_directory)


        def _prepare(metadata_directory):
            dist_info, files = _dist_info_files()
            for name, data in files.items():
                path = os.path.join(metadata_directory, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as handle:
                    handle.write(data)
            return dist_info


        def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
            _enter("prepare_metadata_for_build_editable", config_settings=config_settings)
            return _prepare(metadata_directory)


        def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
            _enter("build_wheel", config_settings=config_settings, metadata_directory=metadata_directory)
            waited = 0.0
            while waited < BUILD_DELAY and not (RELEASE_FILE and os.path.exists(RELEASE_FILE)):
                time.sleep(0.05)
                waited += 0.05
            if IMPORT_IN_BUILD:
                __import__(IMPORT_IN_BUILD)
            source = os.path.join(NAME, "__init__.py")
            with open(source, "rb") as handle:
                return _write_wheel(wheel_directory, {source: handle.read()})


        def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
            _enter("build_editable", config_settings=config_settings, metadata_directory=metadata_directory)
            return _write_wheel(wheel_directory, {"_%s_editable.pth" % NAME: (os.getcwd() + "\\n").encode()})


        def build_sdist(sdist_directory, config_settings=None):
            _enter("build_sdist", config_settings=config_settings)
            import tarfile
            filename = "%s-%s.tar.gz" % (NAME, VERSION)
            top = "%s-%s" % (NAME, VERSION)
            with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as archive:
                for directory, subdirectories, names in os.walk("."):
                    subdirectories.sort()
                    for name in sorted(names):
                        path = os.path.normpath(os.path.join(directory, name))
                        if path.startswith("dist") or "__pycache__" in path:
                            continue
                        archive.add(path, arcname=top + "/" + path)
            return filename


        for _hook in OMITTED:
            globals().pop(_hook, None)

        """
    }
}
