import SystemSupport

/// An existing virtual environment, recognised by its `pyvenv.cfg`. Paths follow the POSIX venv
/// layout (`bin/`, `lib/pythonX.Y/site-packages`), so nothing needs to run to know them.
public struct VirtualEnvironment: Sendable, Equatable {
    public let root: String
    public let pythonMajor: Int
    public let pythonMinor: Int
    /// The `home` key: the directory of the base interpreter.
    public let home: String?

    public var configurationPath: String { FileSystem.join(root, "pyvenv.cfg") }
    public var binDirectory: String { FileSystem.join(root, "bin") }
    public var python: String { FileSystem.join(binDirectory, "python") }
    public var sitePackages: String { FileSystem.join(root, "lib/python\(pythonMajor).\(pythonMinor)/site-packages") }
    /// pip's venv headers scheme; the distribution name is appended per package.
    public var headersBase: String { FileSystem.join(root, "include/site/python\(pythonMajor).\(pythonMinor)") }

    public init(root: String, pythonMajor: Int, pythonMinor: Int, home: String?) {
        self.root = root
        self.pythonMajor = pythonMajor
        self.pythonMinor = pythonMinor
        self.home = home
    }

    public static func isVirtualEnvironment(_ path: String) -> Bool {
        FileSystem.exists(FileSystem.join(path, "pyvenv.cfg"))
    }

    /// Reads `pyvenv.cfg` (`version` as `python -m venv` writes it, `version_info` as uv does).
    public static func open(at path: String) throws(VenvError) -> VirtualEnvironment {
        let root = FileSystem.absolute(path)
        let configuration = FileSystem.join(root, "pyvenv.cfg")
        guard FileSystem.exists(configuration) else { throw .notAVirtualEnvironment(path: root) }
        let text: String
        do {
            text = try FileSystem.readText(configuration)
        } catch {
            throw .io(error)
        }
        let values = PyvenvConfiguration.parse(text)
        guard let version = values["version"] ?? values["version_info"] else {
            throw .unreadableConfiguration(path: configuration, reason: "no `version` key")
        }
        let numbers = version.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2 else {
            throw .unreadableConfiguration(path: configuration, reason: "version '\(version)' is not X.Y[.Z]")
        }
        return VirtualEnvironment(root: root, pythonMajor: numbers[0], pythonMinor: numbers[1], home: values["home"])
    }
}

/// `key = value` lines, as the interpreter's `site` module reads them.
public enum PyvenvConfiguration {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].filter { $0 != " " && $0 != "\t" }.lowercased()
            var value = line[line.index(after: equals)...]
            while value.first == " " || value.first == "\t" { value = value.dropFirst() }
            while value.last == " " || value.last == "\t" || value.last == "\r" { value = value.dropLast() }
            values[key] = String(value)
        }
        return values
    }
}
