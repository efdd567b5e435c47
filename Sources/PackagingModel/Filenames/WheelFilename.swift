/// A wheel filename (PEP 427, PEP 491):
/// `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`.
///
/// The last three parts are a compressed tag set: dot-separated alternatives whose
/// cartesian product is the set of tags the wheel supports (`py2.py3-none-any` is
/// `py2-none-any` and `py3-none-any`).
///
/// Two filenames are equal when they name the same wheel: the same normalised name,
/// the same PEP 440 version, the same build tag and the same set of tags. `description`
/// gives back the filename exactly as it was parsed, which is what a cache must key on.
public struct WheelFilename: Sendable, Hashable, CustomStringConvertible {
    public let name: PackageName
    public let version: Version
    public let buildTag: WheelBuildTag?
    /// Every tag of the compressed set.
    public let tags: Set<Tag>
    /// The python, ABI and platform parts as written (`py2.py3`, `none`, `any`).
    public let pythonTagPart: String
    public let abiTagPart: String
    public let platformTagPart: String
    private let filename: String

    public init(_ filename: String) throws(WheelFilenameError) {
        guard filename.hasSuffix(".whl") else { throw .missingExtension(filename: filename) }
        let stem = filename.dropLast(".whl".count)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 || parts.count == 6 else {
            throw .wrongPartCount(filename: filename, found: parts.count)
        }

        // Producers escape runs of `-_.` in the name to `_`, so the name has no dash here.
        // Older producers kept `.` and uppercase letters; PEP 427 asks consumers to accept them.
        do {
            name = try PackageName(parts[0])
        } catch {
            throw .invalidName(filename: filename, name: parts[0], reason: error)
        }
        do {
            version = try Version(parts[1])
        } catch {
            throw .invalidVersion(filename: filename, version: parts[1], reason: error)
        }
        if parts.count == 6 {
            do {
                buildTag = try WheelBuildTag(parsing: parts[2])
            } catch {
                throw .invalidBuildTag(filename: filename, buildTag: parts[2], problem: error)
            }
        } else {
            buildTag = nil
        }

        let tagParts = parts.suffix(3)
        do {
            tags = Set(try Tag.parseCompressedSet(tagParts.joined(separator: "-")))
        } catch {
            throw .invalidTags(filename: filename, reason: error)
        }
        pythonTagPart = tagParts[tagParts.startIndex]
        abiTagPart = tagParts[tagParts.startIndex + 1]
        platformTagPart = tagParts[tagParts.startIndex + 2]
        self.filename = filename
    }

    /// The filename exactly as parsed.
    public var description: String { filename }

    /// The name as the wheel spec escapes it for filenames and the `.dist-info`
    /// directory: normalised, with `_` for `-` (`Foo.Bar` → `foo_bar`).
    public var escapedName: String { FilenameEscaping.escape(name) }

    public static func == (lhs: WheelFilename, rhs: WheelFilename) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.buildTag == rhs.buildTag
            && lhs.tags == rhs.tags
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(buildTag)
        hasher.combine(tags)
    }
}

/// The escaping wheel and sdist filenames use for a name: PEP 503 normalised, `-` → `_`.
enum FilenameEscaping {
    static func escape(_ name: PackageName) -> String {
        String(name.normalized.map { $0 == "-" ? "_" : $0 })
    }
}
