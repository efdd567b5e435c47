import Python
import SystemSupport

/// Where each kind of wheel content goes (sysconfig's scheme paths), all absolute.
public struct InstallScheme: Sendable, Equatable {
    public var purelib: String
    public var platlib: String
    public var scripts: String
    /// Headers go to `headersBase/<distribution name>`, as pip lays them out.
    public var headersBase: String
    public var data: String

    public init(purelib: String, platlib: String, scripts: String, headersBase: String, data: String) {
        self.purelib = purelib
        self.platlib = platlib
        self.scripts = scripts
        self.headersBase = headersBase
        self.data = data
    }

    func directory(for key: SchemeKey, distribution: String) -> String {
        switch key {
        case .purelib: return purelib
        case .platlib: return platlib
        case .scripts: return scripts
        case .headers: return FileSystem.join(headersBase, distribution)
        case .data: return data
        }
    }

    var siteDirectories: [String] { purelib == platlib ? [purelib] : [purelib, platlib] }
}

/// An environment kiln installs into: a venv, an interpreter's own prefix (`--system`), or a
/// plain directory (`--target`). Nothing outside `root` is ever removed.
public struct InstallTarget: Sendable, Equatable {
    public enum Kind: String, Sendable { case virtualEnvironment, system, directory }

    public let kind: Kind
    public let root: String
    public let scheme: InstallScheme
    /// The interpreter that runs installed scripts (their shebang) and byte-compiles.
    public let pythonExecutable: String

    public init(kind: Kind, root: String, scheme: InstallScheme, pythonExecutable: String) {
        self.kind = kind
        self.root = root
        self.scheme = scheme
        self.pythonExecutable = pythonExecutable
    }

    /// The environment's lock and install journal live here, inside the environment itself.
    public var stateDirectory: String { FileSystem.join(root, ".kiln") }

    public static func virtualEnvironment(_ venv: VirtualEnvironment) -> InstallTarget {
        InstallTarget(
            kind: .virtualEnvironment, root: venv.root,
            scheme: InstallScheme(
                purelib: venv.sitePackages, platlib: venv.sitePackages, scripts: venv.binDirectory,
                headersBase: venv.headersBase, data: venv.root),
            pythonExecutable: venv.python)
    }

    /// `--target DIR`: packages straight in DIR, scripts in DIR/bin, as pip lays it out.
    public static func directory(_ path: String, pythonExecutable: String) -> InstallTarget {
        let root = FileSystem.absolute(path)
        return InstallTarget(
            kind: .directory, root: root,
            scheme: InstallScheme(
                purelib: root, platlib: root, scripts: FileSystem.join(root, "bin"),
                headersBase: FileSystem.join(root, "include"), data: root),
            pythonExecutable: pythonExecutable)
    }

    /// `--system`: the interpreter's own prefix, laid out by its sysconfig scheme. PEP 668: an
    /// interpreter whose stdlib directory holds `EXTERNALLY-MANAGED` belongs to the system's
    /// package manager and is refused unless `breakSystemPackages`.
    public static func system(_ interpreter: Interpreter, breakSystemPackages: Bool) throws(InstallError) -> InstallTarget {
        let marker = FileSystem.join(interpreter.paths.stdlib, "EXTERNALLY-MANAGED")
        if !breakSystemPackages && FileSystem.exists(marker) {
            throw .externallyManaged(interpreter: interpreter.path, marker: marker)
        }
        let paths = interpreter.paths
        return InstallTarget(
            kind: .system, root: interpreter.prefix,
            scheme: InstallScheme(
                purelib: paths.purelib, platlib: paths.platlib, scripts: paths.scripts,
                headersBase: paths.include.isEmpty ? FileSystem.join(interpreter.prefix, "include") : paths.include,
                data: paths.data),
            pythonExecutable: interpreter.executable)
    }
}
