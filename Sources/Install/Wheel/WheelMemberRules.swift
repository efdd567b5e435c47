import SystemSupport

/// The `.data/<scheme>/` directories a wheel may use (PEP 427), mapped to install scheme paths.
public enum SchemeKey: String, Sendable, CaseIterable {
    case purelib, platlib, headers, scripts, data
}

/// Where one member of a wheel lands, relative to the root (purelib or platlib) or to a scheme.
public enum MemberPlacement: Equatable, Sendable {
    case root(String)
    case scheme(SchemeKey, String)
}

/// Checks one member name on its own: the rules that keep every write inside its directory.
enum WheelMemberRules {
    static func problems(of member: ZipMember) -> [WheelProblem] {
        let raw = member.rawName
        let shown = printableMemberName(raw)
        var found: [WheelProblem] = []
        if raw.contains(0) || raw.contains(UInt8(ascii: "\n")) || raw.contains(UInt8(ascii: "\r")) {
            found.append(.controlCharacter(member: shown))
        }
        if String(validating: raw, as: UTF8.self) == nil { found.append(.notUTF8(member: shown)) }
        if member.isSymlink { found.append(.symlink(member: shown)) }
        if raw.first == UInt8(ascii: "/") {
            found.append(.unsafePath(member: shown, reason: "is an absolute path"))
            return found
        }
        var components = shown.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if member.isDirectory { components.removeLast() }
        if components.contains("..") {
            if components.count > 2, components[0].hasSuffix(".data") {
                found.append(.escapesScheme(member: shown, scheme: components[1]))
            } else {
                found.append(.unsafePath(member: shown, reason: "climbs out of the install directory with '..'"))
            }
        } else if components.contains(where: { $0.isEmpty || $0 == "." }) {
            found.append(.unsafePath(member: shown, reason: "has an empty or '.' path component"))
        }
        return found
    }

    /// Where a (checked) member goes; `.data/<scheme>` is interpreted only for the wheel's own data directory.
    static func placement(of name: String, dataDirectory: String) -> MemberPlacement? {
        guard name.hasPrefix(dataDirectory + "/") else { return .root(name) }
        let rest = name.dropFirst(dataDirectory.count + 1)
        guard let slash = rest.firstIndex(of: "/"), let key = SchemeKey(rawValue: String(rest[..<slash])) else { return nil }
        let relative = String(rest[rest.index(after: slash)...])
        return relative.isEmpty ? nil : .scheme(key, relative)
    }
}
