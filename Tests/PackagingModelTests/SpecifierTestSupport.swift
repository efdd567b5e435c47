@testable import PackagingModel

/// In the packaging vectors a candidate is either a raw string or, written "V:1.0",
/// a parsed `Version` (whose `===` comparison uses the normalised form).
enum Candidate {
    case raw(String)
    case parsed(Version)

    init(_ text: String) throws {
        if text.hasPrefix("V:") {
            self = .parsed(try Version(String(text.dropFirst(2))))
        } else {
            self = .raw(text)
        }
    }

    func isContained(in specifier: Specifier, prereleases: Bool? = nil) -> Bool {
        switch self {
        case .raw(let text): specifier.contains(rawVersion: text, prereleases: prereleases)
        case .parsed(let version): specifier.contains(version, prereleases: prereleases)
        }
    }

    func isContained(in set: SpecifierSet, prereleases: Bool? = nil, installed: Bool = false) -> Bool {
        switch self {
        case .raw(let text): set.contains(rawVersion: text, prereleases: prereleases, installed: installed)
        case .parsed(let version): set.contains(version, prereleases: prereleases, installed: installed)
        }
    }
}
