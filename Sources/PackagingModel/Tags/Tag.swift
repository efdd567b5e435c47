/// One wheel tag triple (PEP 425): `interpreter-abi-platform`, e.g. `cp312-abi3-manylinux_2_17_x86_64`.
///
/// A `Tag` exists only valid: each part is non-empty, lowercase, and free of the `-` and `.`
/// separators (a `.` joins the members of a compressed tag set, so it cannot be part of one tag),
/// and the interpreter is an identifier. Build one with `Tag(_:_:_:)` or parse a filename's tag
/// field with `Tag.parseCompressedSet(_:)`.
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    public let interpreter: String
    public let abi: String
    public let platform: String

    /// Parts are lowercased, as packaging does, so `PY3-None-ANY` equals `py3-none-any`.
    public init(_ interpreter: String, _ abi: String, _ platform: String) throws(TagParseError) {
        let text = "\(interpreter)-\(abi)-\(platform)"
        for (part, role) in [(interpreter, "interpreter"), (abi, "ABI"), (platform, "platform")] {
            if part.isEmpty { throw .emptyComponent(tag: text, component: role) }
            if part.contains("-") || part.contains(".") {
                throw .invalidCharacter(tag: text, component: role, value: part)
            }
        }
        guard Self.isIdentifier(interpreter) else { throw .invalidInterpreter(tag: text, interpreter: interpreter) }
        self.init(unchecked: interpreter.lowercased(), abi.lowercased(), platform.lowercased())
    }

    /// For generators whose parts are valid by construction.
    init(unchecked interpreter: String, _ abi: String, _ platform: String) {
        self.interpreter = interpreter
        self.abi = abi
        self.platform = platform
    }

    public var description: String { "\(interpreter)-\(abi)-\(platform)" }

    /// Python's `str.isidentifier()` for the ASCII names tags use: a letter or `_`, then letters,
    /// digits or `_`. (Interpreter tags like `2` or `py+3` are not valid.)
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isXIDStart || s == "_" }
        return isLetter(first) && text.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
    }
}

extension Tag: Comparable {
    /// Orders by text, so listings of tag sets are stable.
    public static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.description < rhs.description }
}
