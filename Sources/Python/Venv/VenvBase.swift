import PackagingModel
import SystemSupport

extension InterpreterDiscovery {
    /// The interpreter a new virtual environment is made from: the one `request` selects (nil: the
    /// default). An interpreter inside a virtual environment stands for the base interpreter that
    /// environment was made from, as `python -m venv` run from a venv does: a venv never links
    /// to another venv's `bin/python`, which would break when that venv is removed or replaced.
    public func findVenvBase(_ request: PythonRequest?) async throws(VenvError) -> Interpreter {
        var interpreter: Interpreter
        do {
            interpreter = try await find(request)
        } catch {
            throw .interpreter(error)
        }
        // A venv made from a venv's interpreter by another tool points at that venv: follow a few links.
        for _ in 0..<4 where interpreter.isVirtualEnvironment {
            let tried = Self.baseExecutableCandidates(of: interpreter)
            guard let base = tried.first(where: FileSystem.exists) else {
                throw .baseInterpreterMissing(environment: interpreter.prefix, tried: tried)
            }
            do {
                interpreter = try await inspector.inspect(base)
            } catch {
                throw .interpreter(.interpreter(error))
            }
        }
        return interpreter
    }

    /// Where a venv's base interpreter may be, best first: `pyvenv.cfg`'s `home` with the name the
    /// venv's `python` links to (copies keep their name too), then the version-named files in
    /// `home` and under the base prefix.
    static func baseExecutableCandidates(of interpreter: Interpreter) -> [String] {
        let linkedName = FileSystem.basename(of: (try? FileSystem.realPath(interpreter.executable)) ?? interpreter.executable)
        let versioned = ["python\(interpreter.version.minorVersion)", "python\(interpreter.version.major)"]
        var directories: [String] = []
        if let home = try? VirtualEnvironment.open(at: interpreter.prefix).home, !home.isEmpty { directories.append(home) }
        directories.append(FileSystem.join(interpreter.basePrefix, "bin"))
        var candidates: [String] = []
        for (index, directory) in directories.enumerated() {
            for name in (index == 0 ? [linkedName] : []) + versioned {
                let path = FileSystem.join(directory, name)
                if !candidates.contains(path) { candidates.append(path) }
            }
        }
        return candidates
    }
}

extension Interpreter {
    /// The pip wheel CPython bundles for `ensurepip`: what `kiln venv --seed` installs, offline.
    public var bundledPipWheel: String? {
        let directory = FileSystem.join(paths.stdlib, "ensurepip/_bundled")
        let wheels = ((try? FileSystem.listDirectory(directory)) ?? []).compactMap { name in
            (try? WheelFilename(name)).flatMap { $0.name.normalized == "pip" ? ($0.version, name) : nil }
        }
        return wheels.max { $0.0 < $1.0 }.map { FileSystem.join(directory, $0.1) }
    }
}
