/// A PEP 440 version: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`.
///
/// A `Version` exists only valid: build one by parsing (`Version("1.0rc1")`) or
/// from checked components. Equality, hashing and ordering follow PEP 440, so
/// `1.0 == 1.0.0`, `1.0c1 == 1.0rc1`, and `1.0.dev0 < 1.0a0 < 1.0 < 1.0.post0`.
/// `description` is the normalised form (`1.0-1` prints as `1.0.post1`).
public struct Version: Sendable {
    public let epoch: Int
    /// The release numbers as written (trailing zeros kept: `1.0.0` has three).
    public let release: [Int]
    public let pre: PreRelease?
    public let post: Int?
    public let dev: Int?
    /// The local label (`+ubuntu.1`), nil for a public version.
    public let local: [LocalSegment]?

    /// Builds a version from components, checking the invariants a parsed version has.
    public init(
        epoch: Int = 0,
        release: [Int],
        pre: PreRelease? = nil,
        post: Int? = nil,
        dev: Int? = nil,
        local: [LocalSegment]? = nil
    ) throws(VersionParseError) {
        guard !release.isEmpty else { throw .invalidComponent(reason: "the release needs at least one number") }
        let numbers = [epoch] + release + [pre?.number, post, dev].compactMap { $0 }
        guard numbers.allSatisfy({ $0 >= 0 }) else {
            throw .invalidComponent(reason: "version numbers cannot be negative")
        }
        if let local {
            guard !local.isEmpty, local.allSatisfy(\.isWellFormed) else {
                throw .invalidComponent(reason: "a local label needs non-empty ASCII letter or digit parts")
            }
        }
        self.init(unchecked: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    init(unchecked epoch: Int, release: [Int], pre: PreRelease?, post: Int?, dev: Int?, local: [LocalSegment]?) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
    }

    /// A pre-release or a development release: PEP 440 excludes these by default.
    public var isPrerelease: Bool { pre != nil || dev != nil }
    public var isPostrelease: Bool { post != nil }
    public var isDevrelease: Bool { dev != nil }

    /// The version without its local label.
    public var publicVersion: Version {
        local == nil ? self : Version(unchecked: epoch, release: release, pre: pre, post: post, dev: dev, local: nil)
    }

    /// Epoch and release only: `1!2.0rc1.post3+x` → `1!2.0`.
    public var baseVersion: Version {
        Version(unchecked: epoch, release: release, pre: nil, post: nil, dev: nil, local: nil)
    }

    public var major: Int { release.first ?? 0 }
    public var minor: Int { release.count > 1 ? release[1] : 0 }
    public var micro: Int { release.count > 2 ? release[2] : 0 }

    /// The local label as printed after `+`, or nil.
    public var localLabel: String? {
        local.map { $0.map(\.description).joined(separator: ".") }
    }

    /// The release without trailing zeros, which is what equality and ordering compare.
    var significantReleaseCount: Int {
        var count = release.count
        while count > 1, release[count - 1] == 0 { count -= 1 }
        return count
    }

    func withRelease(_ newRelease: [Int]) -> Version {
        Version(unchecked: epoch, release: newRelease, pre: pre, post: post, dev: dev, local: local)
    }
}

extension Version: CustomStringConvertible {
    public var description: String {
        var text = epoch == 0 ? "" : "\(epoch)!"
        text += release.map(String.init).joined(separator: ".")
        if let pre { text += pre.description }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if let localLabel { text += "+" + localLabel }
        return text
    }
}

extension LocalSegment {
    var isWellFormed: Bool {
        switch self {
        case .number(let digits):
            return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                && (digits == "0" || !digits.hasPrefix("0"))
        case .text(let text):
            return !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter }
                && text == text.lowercased()
        }
    }
}
