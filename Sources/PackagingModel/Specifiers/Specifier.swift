/// One PEP 440 version specifier: `>=1.0`, `==2.3.*`, `~=1.4.2`, `===foobar`.
///
/// Parsed once; `description` is the normalised form (`>= v1.0DEV` prints as
/// `>=1.0.dev0`). Equality follows packaging: trailing zeros do not matter
/// (`==2.8.0` equals `==2.8`) except for `~=`, where they change the meaning.
public struct Specifier: Sendable {
    public let `operator`: Operator
    let operand: Operand
    /// An explicit pre-release policy for this specifier alone (packaging's
    /// `prereleases=`). nil means: decide from the specifier and PEP 440's default.
    /// It does not take part in equality.
    public var prereleases: Bool?

    enum Operand: Sendable {
        /// A full version, for every operator but `===`.
        case version(Version)
        /// `==X.*` or `!=X.*`: only the epoch and release of the version are set.
        case prefix(Version)
        /// The text after `===`, compared as a string.
        case arbitrary(String)
    }

    /// The version operand, or nil for `===`. For `==1.2.*` this is `1.2`.
    public var version: Version? {
        switch operand {
        case .version(let version), .prefix(let version): version
        case .arbitrary: nil
        }
    }

    /// Whether this is a prefix match (`==1.2.*` or `!=1.2.*`).
    public var isPrefixMatch: Bool {
        if case .prefix = operand { return true }
        return false
    }

    /// The operand of `===` exactly as written, or nil for other operators.
    public var arbitraryText: String? {
        if case .arbitrary(let text) = operand { return text }
        return nil
    }

    /// Whether the specifier names a pre-release, which makes pre-releases acceptable
    /// (PEP 440: `>=1.0b1` admits `1.0rc1`). `!=` and prefix matches never do.
    /// A resolver asks this to decide whether to offer pre-releases at all.
    public var namesPrerelease: Bool {
        switch (self.operator, operand) {
        case (.notEqual, _), (_, .prefix):
            return false
        case (_, .version(let version)):
            return version.isPrerelease
        case (_, .arbitrary(let text)):
            return (try? Version(text))?.isPrerelease ?? false
        }
    }

    /// The pre-release policy that applies when a caller gives none.
    var defaultPrereleasePolicy: Bool? {
        prereleases ?? (namesPrerelease ? true : nil)
    }
}

extension Specifier {
    /// Parses one specifier such as `>=1.0`, `== 1.2.*` or `~=2.0`.
    public init(_ string: String, prereleases: Bool? = nil) throws(SpecifierParseError) {
        let trimmed = string.trimmingPythonWhitespace
        guard !trimmed.isEmpty else { throw .empty }
        var cursor = ScalarCursor(trimmed)
        var probe = cursor
        guard let op = SpecifierGrammar.scanOperator(&probe) else { throw .missingOperator(input: string) }
        guard let scanned = SpecifierGrammar.scan(&cursor) else {
            probe.skipPythonWhitespace()
            if probe.isAtEnd {
                throw .invalidVersion(input: string, reason: "expected a version after '\(op)'")
            }
            if op == .compatible, VersionGrammar.scan(&probe, allowWildcard: false, allowLocal: false) != nil {
                throw .compatibleNeedsTwoSegments(input: string)
            }
            throw .invalidVersion(input: string, reason: "expected a version such as '1.0' after '\(op)'")
        }
        if !cursor.isAtEnd {
            throw Self.explainTrailingText(after: scanned, in: cursor, input: string)
        }
        self.operator = scanned.op
        self.prereleases = prereleases
        if let text = scanned.arbitraryText {
            self.operand = .arbitrary(text)
            return
        }
        guard let scannedVersion = scanned.version else { throw .invalidVersion(input: string, reason: "missing version") }
        let version: Version
        do {
            version = try Version(scanned: scannedVersion, in: cursor.scalars, input: string)
        } catch {
            if case .numberTooLarge(_, let digits) = error { throw .numberTooLarge(input: string, digits: digits) }
            throw .invalidVersion(input: string, reason: error.description)
        }
        self.operand = scannedVersion.hasWildcard ? .prefix(version) : .version(version)
    }

    /// Turns "the grammar stopped here" into the most useful message.
    private static func explainTrailingText(
        after scanned: SpecifierGrammar.Scanned,
        in cursor: ScalarCursor,
        input: String
    ) -> SpecifierParseError {
        let op = scanned.op
        if cursor.peek() == ".", cursor.peek(1) == "*" {
            return op.allowsWildcardAndLocal ? .wildcardAfterSuffix(input: input)
                : .wildcardNotAllowed(input: input, operator: op.rawValue)
        }
        if cursor.peek() == "+", !op.allowsWildcardAndLocal {
            return .localNotAllowed(input: input, operator: op.rawValue)
        }
        let parsed = cursor.text(scanned.versionStart..<cursor.position)
        let rest = cursor.text(cursor.position..<cursor.scalars.count)
        return .invalidVersion(input: input, reason: "unexpected '\(rest)' after version '\(parsed)'")
    }
}

extension Specifier: Hashable, CustomStringConvertible {
    public var description: String {
        switch operand {
        case .version(let version): "\(self.operator)\(version)"
        case .prefix(let version): "\(self.operator)\(version).*"
        case .arbitrary(let text): "\(self.operator)\(text)"
        }
    }

    public static func == (lhs: Specifier, rhs: Specifier) -> Bool {
        guard lhs.operator == rhs.operator else { return false }
        switch (lhs.operand, rhs.operand) {
        case (.version(let left), .version(let right)):
            // `~=2.0` and `~=2.0.0` admit different versions, so zeros count there.
            return lhs.operator == .compatible ? left.description == right.description : left == right
        case (.prefix(let left), .prefix(let right)):
            return left.description == right.description
        case (.arbitrary(let left), .arbitrary(let right)):
            return left == right
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.operator)
        switch operand {
        case .version(let version):
            if self.operator == .compatible { hasher.combine(version.description) } else { hasher.combine(version) }
        case .prefix(let version):
            hasher.combine(1)
            hasher.combine(version.description)
        case .arbitrary(let text):
            hasher.combine(2)
            hasher.combine(text)
        }
    }
}
