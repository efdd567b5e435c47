/// A PEP 508 dependency specifier: `name[extras] specifiers ; marker` or
/// `name[extras] @ url ; marker`.
///
/// `description` prints it canonically: the name as written, extras sorted,
/// specifiers normalised and sorted, the marker in canonical form. Equality
/// compares names and extras normalised, as packaging does.
public struct Requirement: Sendable, Hashable, CustomStringConvertible {
    /// Where the distribution comes from: an index (constrained by versions) or a URL.
    public enum Source: Sendable, Hashable {
        case specifiers(SpecifierSet)
        case url(String)
    }

    public let name: PackageName
    /// The requested extras, sorted as written, without normalised duplicates.
    public let extras: [ExtraName]
    public let source: Source
    public let marker: Marker?

    public init(name: PackageName, extras: [ExtraName] = [], source: Source = .specifiers(SpecifierSet()), marker: Marker? = nil) {
        var unique: [ExtraName] = []
        for extra in extras.sorted(by: { $0.original < $1.original }) where !unique.contains(extra) {
            unique.append(extra)
        }
        self.name = name
        self.extras = unique
        self.source = source
        self.marker = marker
    }

    /// The version constraints; empty for a URL requirement.
    public var specifier: SpecifierSet {
        if case .specifiers(let set) = source { return set }
        return SpecifierSet()
    }

    public var url: String? {
        if case .url(let url) = source { return url }
        return nil
    }

    public var description: String {
        var text = name.original
        if !extras.isEmpty { text += "[" + extras.map(\.original).joined(separator: ",") + "]" }
        switch source {
        case .specifiers(let set):
            text += set.description
        case .url(let url):
            text += " @ " + url
            if marker != nil { text += " " }
        }
        if let marker { text += "; " + marker.description }
        return text
    }

    public static func == (lhs: Requirement, rhs: Requirement) -> Bool {
        lhs.name == rhs.name && Set(lhs.extras) == Set(rhs.extras) && lhs.source == rhs.source
            && lhs.marker == rhs.marker
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(Set(extras))
        hasher.combine(source)
        hasher.combine(marker)
    }
}

extension Requirement {
    /// Parses a dependency specifier such as `requests[security]>=2.8.1; python_version < "3.9"`.
    public init(_ string: String) throws(RequirementParseError) {
        var parser = RequirementParser(string)
        let parsed: RequirementParser.Parsed
        do {
            parsed = try parser.parse()
        } catch {
            throw .syntax(error)
        }
        let name: PackageName
        do {
            name = try PackageName(parsed.name)
        } catch {
            throw .invalidName(input: string, error)
        }
        var extras: [ExtraName] = []
        for extra in parsed.extras {
            do {
                extras.append(try ExtraName(extra))
            } catch {
                throw .invalidName(input: string, error)
            }
        }
        let source: Source
        if let url = parsed.url {
            source = .url(url)
        } else {
            do {
                source = .specifiers(try SpecifierSet(parsed.specifier))
            } catch {
                throw .invalidSpecifier(input: string, error)
            }
        }
        self.init(name: name, extras: extras, source: source, marker: parsed.marker.map(Marker.init))
    }
}
