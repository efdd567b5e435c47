import SystemSupport

/// The text form of a probe-cache entry: one field per line, `name token token…`, tokens
/// separated by one space and escaped (`\\`, `\s` for a space, `\n`, `\e` for the empty string).
/// Every command that takes an interpreter reads one entry; Foundation's JSONDecoder took longer
/// over this one small file than kiln's whole argument parsing, so the entry is written and read
/// here, field by field. Anything unexpected reads as no entry (the interpreter is probed again).
enum ProbeCacheCodec {
    static let header = "kiln-probe-cache 1"

    static func encode(_ entry: ProbeCache.Entry) -> String {
        var lines = [header]
        func add(_ name: String, _ tokens: [String]) { lines.append(([name] + tokens.map(escape)).joined(separator: " ")) }
        func add(_ name: String, _ value: String?) { if let value { add(name, [value]) } }
        func add(_ name: String, _ value: Bool?) { if let value { add(name, [value ? "true" : "false"]) } }
        func add(_ name: String, _ value: Int?) { if let value { add(name, [String(value)]) } }
        func add(_ name: String, _ value: ConfigValue?) { if let value { add(name, [Typed(value).token]) } }

        add("path", entry.path)
        let fingerprint = entry.fingerprint
        add("real-path", fingerprint.realPath)
        let status = fingerprint.status
        add("status", [status.kind.rawValue] + [status.device, status.inode, status.linkCount].map { String($0) }
            + [status.size, status.modificationSeconds, status.modificationNanoseconds, status.changeSeconds, status.changeNanoseconds].map { String($0) }
            + [String(status.mode)])
        add("environment-config", fingerprint.environmentConfig)

        let report = entry.report
        add("probe_format", report.probeFormat)
        add("unsupported_version", report.unsupportedVersion)
        add("executable", report.executable)
        add("prefix", report.prefix)
        add("base_prefix", report.basePrefix)
        add("is_venv", report.isVenv)
        if let info = report.versionInfo {
            add("version_info", info.map { Typed($0).token })
        }
        add("implementation_name", report.implementationName)
        add("implementation_version", report.implementationVersion)
        if let markers = report.markers {
            add("markers", [])
            for (key, value) in markers.sorted(by: { $0.key < $1.key }) { add("marker", [key, value]) }
        }
        if let paths = report.paths {
            add("paths", [])
            for (key, value) in paths.sorted(by: { $0.key < $1.key }) { add("path-entry", [key] + (value.map { [$0] } ?? [])) }
        }
        add("platform", report.platform)
        add("soabi", report.soabi)
        add("ext_suffix", report.extSuffix)
        add("py_version_nodot", report.pyVersionNodot)
        add("py_gil_disabled", report.pyGilDisabled)
        add("py_debug", report.pyDebug)
        add("with_pymalloc", report.withPymalloc)
        add("has_total_refcount", report.hasTotalRefcount)
        add("debug_extension_suffix", report.debugExtensionSuffix)
        add("pointer_size", report.pointerSize)
        add("glibc_version", report.glibcVersion)
        add("musl_version", report.muslVersion)
        if let elf = report.elf {
            add("elf", [elf.class, elf.encoding, elf.machine, elf.flags].map { String($0) } + (elf.interpreter.map { [$0] } ?? []))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func decode(_ text: Substring) -> ProbeCache.Entry? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(header), lines.last == "" else { return nil }
        lines.removeFirst()
        lines.removeLast()
        var fields: [String: [String]] = [:]
        var markers: [String: String]?
        var paths: [String: String?]?
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let name = parts.first.map(String.init) else { return nil }
            var tokens: [String] = []
            for part in parts.dropFirst() {
                guard let token = unescape(part) else { return nil }
                tokens.append(token)
            }
            switch name {
            case "markers": markers = [:]
            case "marker":
                guard tokens.count == 2, markers != nil else { return nil }
                markers?[tokens[0]] = tokens[1]
            case "paths": paths = [:]
            case "path-entry":
                guard tokens.count == 1 || tokens.count == 2, paths != nil else { return nil }
                paths?[tokens[0]] = .some(tokens.count == 2 ? tokens[1] : nil)
            default:
                guard fields[name] == nil else { return nil }
                fields[name] = tokens
            }
        }
        func single(_ name: String) -> String?? {
            guard let tokens = fields[name] else { return .some(nil) }
            return tokens.count == 1 ? .some(tokens[0]) : nil
        }
        func bool(_ name: String) -> Bool?? {
            guard let text = single(name) else { return nil }
            switch text {
            case nil: return .some(nil)
            case "true": return .some(true)
            case "false": return .some(false)
            default: return nil
            }
        }
        func int(_ name: String) -> Int?? {
            guard let text = single(name) else { return nil }
            guard let text else { return .some(nil) }
            return Int(text).map { .some($0) }
        }
        func config(_ name: String) -> ConfigValue?? {
            guard let text = single(name) else { return nil }
            guard let text else { return .some(nil) }
            return Typed(token: text).map { .some($0.configValue) }
        }

        guard let path = single("path") ?? nil, let realPath = single("real-path") ?? nil,
            let statusTokens = fields["status"], let status = fileStatus(statusTokens),
            let environmentConfig = single("environment-config"),
            let probeFormat = int("probe_format") ?? nil,
            let unsupportedVersion = single("unsupported_version"), let executable = single("executable"),
            let prefix = single("prefix"), let basePrefix = single("base_prefix"), let isVenv = bool("is_venv"),
            let implementationName = single("implementation_name"), let implementationVersion = single("implementation_version"),
            let platform = single("platform"), let soabi = single("soabi"), let extSuffix = single("ext_suffix"),
            let pyVersionNodot = single("py_version_nodot"), let pyGilDisabled = config("py_gil_disabled"),
            let pyDebug = config("py_debug"), let withPymalloc = config("with_pymalloc"),
            let hasTotalRefcount = bool("has_total_refcount"), let debugExtensionSuffix = bool("debug_extension_suffix"),
            let pointerSize = int("pointer_size"), let glibcVersion = single("glibc_version"), let muslVersion = single("musl_version")
        else { return nil }
        var versionInfo: [VersionInfoField]?
        if let tokens = fields["version_info"] {
            var parsed: [VersionInfoField] = []
            for token in tokens {
                guard let typed = Typed(token: token) else { return nil }
                parsed.append(typed.versionInfoField)
            }
            versionInfo = parsed
        }
        var elf: ProbeReport.ELF?
        if let tokens = fields["elf"] {
            guard tokens.count == 4 || tokens.count == 5 else { return nil }
            let numbers = tokens.prefix(4).compactMap { Int($0) }
            guard numbers.count == 4 else { return nil }
            elf = ProbeReport.ELF(class: numbers[0], encoding: numbers[1], machine: numbers[2], flags: numbers[3],
                                  interpreter: tokens.count == 5 ? tokens[4] : nil)
        }
        let report = ProbeReport(
            probeFormat: probeFormat, unsupportedVersion: unsupportedVersion, executable: executable, prefix: prefix,
            basePrefix: basePrefix, isVenv: isVenv, versionInfo: versionInfo, implementationName: implementationName,
            implementationVersion: implementationVersion, markers: markers, paths: paths, platform: platform, soabi: soabi,
            extSuffix: extSuffix, pyVersionNodot: pyVersionNodot, pyGilDisabled: pyGilDisabled, pyDebug: pyDebug,
            withPymalloc: withPymalloc, hasTotalRefcount: hasTotalRefcount, debugExtensionSuffix: debugExtensionSuffix,
            pointerSize: pointerSize, glibcVersion: glibcVersion, muslVersion: muslVersion, elf: elf)
        let fingerprint = ProbeCache.Fingerprint(realPath: realPath, status: status, environmentConfig: environmentConfig)
        return ProbeCache.Entry(path: path, fingerprint: fingerprint, report: report)
    }

    private static func fileStatus(_ tokens: [String]) -> FileStatus? {
        guard tokens.count == 10, let kind = FileStatus.Kind(rawValue: tokens[0]) else { return nil }
        let unsigned = tokens[1...3].compactMap { UInt64($0) }
        let signed = tokens[4...8].compactMap { Int64($0) }
        guard unsigned.count == 3, signed.count == 5, let mode = UInt32(tokens[9]) else { return nil }
        return FileStatus(
            kind: kind, device: unsigned[0], inode: unsigned[1], size: signed[0], modificationSeconds: signed[1],
            modificationNanoseconds: signed[2], changeSeconds: signed[3], changeNanoseconds: signed[4], mode: mode, linkCount: unsigned[2])
    }

    /// A value the probe gives as a number or a text (`sys.version_info`, sysconfig flags):
    /// `n:12` or `s:final`.
    private enum Typed {
        case number(Int)
        case text(String)

        init(_ field: VersionInfoField) {
            switch field {
            case .number(let number): self = .number(number)
            case .text(let text): self = .text(text)
            }
        }

        init(_ value: ConfigValue) {
            switch value {
            case .number(let number): self = .number(number)
            case .text(let text): self = .text(text)
            }
        }

        init?(token: String) {
            if token.hasPrefix("n:"), let number = Int(token.dropFirst(2)) {
                self = .number(number)
            } else if token.hasPrefix("s:") {
                self = .text(String(token.dropFirst(2)))
            } else {
                return nil
            }
        }

        var token: String {
            switch self {
            case .number(let number): "n:\(number)"
            case .text(let text): "s:" + text
            }
        }

        var versionInfoField: VersionInfoField {
            switch self {
            case .number(let number): .number(number)
            case .text(let text): .text(text)
            }
        }

        var configValue: ConfigValue {
            switch self {
            case .number(let number): .number(number)
            case .text(let text): .text(text)
            }
        }
    }

    static func escape(_ text: String) -> String {
        if text.isEmpty { return "\\e" }
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case " ": escaped += "\\s"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func unescape(_ token: Substring) -> String? {
        if token == "\\e" { return "" }
        guard !token.isEmpty else { return nil }
        var text = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "\\": text += "\\"
            case "s": text += " "
            case "n": text += "\n"
            default: return nil
            }
        }
        return text
    }
}
