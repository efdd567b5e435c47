import PackagingModel

/// A PEP 751 lock file (`pylock.toml`): the packages to install, each with the markers that say
/// where it applies and the files it may be installed from.
public struct PackageLock: Sendable, Hashable {
    /// The only major version this reader and writer know.
    public static let supportedVersion = "1.0"

    /// `lock-version`: kiln writes `1.0` and reads any `1.x` (PEP 751: readers must refuse an
    /// unknown major version and may warn about a newer minor).
    public var lockVersion: String
    /// `environments`: where the lock may be used at all; empty means anywhere.
    public var environments: [Marker]
    /// `requires-python`: the Pythons the lock covers.
    public var requiresPython: SpecifierSet?
    /// `extras` and `dependency-groups`: the names a package marker may test with
    /// `'x' in extras` and `'g' in dependency_groups`; `default-groups` are selected unless the
    /// installer is told otherwise.
    public var extras: [ExtraName]
    public var dependencyGroups: [DependencyGroupName]
    public var defaultGroups: [DependencyGroupName]
    /// `created-by`: the tool that wrote the lock.
    public var createdBy: String
    public var packages: [LockedPackage]

    public init(
        lockVersion: String = PackageLock.supportedVersion, environments: [Marker] = [], requiresPython: SpecifierSet? = nil,
        extras: [ExtraName] = [], dependencyGroups: [DependencyGroupName] = [], defaultGroups: [DependencyGroupName] = [],
        createdBy: String = "kiln", packages: [LockedPackage]
    ) {
        self.lockVersion = lockVersion
        self.environments = environments
        self.requiresPython = requiresPython
        self.extras = extras
        self.dependencyGroups = dependencyGroups
        self.defaultGroups = defaultGroups
        self.createdBy = createdBy
        self.packages = packages
    }
}

/// One `[[packages]]` entry: a version of a package and where it comes from.
public struct LockedPackage: Sendable, Hashable {
    public var name: PackageName
    /// Optional in PEP 751 (a directory or VCS source may not know it); always written by kiln.
    public var version: Version?
    /// Where this entry applies; nil means everywhere the lock does.
    public var marker: Marker?
    public var requiresPython: SpecifierSet?
    /// The entries this one depends on, by name (and version where the name is ambiguous).
    public var dependencies: [LockedDependency]
    /// The index's base URL (`https://pypi.org/simple`), when the files came from one.
    public var index: String?
    public var source: LockedSource

    public init(
        name: PackageName, version: Version?, marker: Marker? = nil, requiresPython: SpecifierSet? = nil,
        dependencies: [LockedDependency] = [], index: String? = nil, source: LockedSource
    ) {
        self.name = name
        self.version = version
        self.marker = marker
        self.requiresPython = requiresPython
        self.dependencies = dependencies
        self.index = index
        self.source = source
    }
}

/// A reference from one entry to another (`dependencies = [{ name = "idna" }]`).
public struct LockedDependency: Sendable, Hashable, Comparable {
    public var name: PackageName
    public var version: Version?

    public init(name: PackageName, version: Version? = nil) {
        self.name = name
        self.version = version
    }

    public static func < (lhs: LockedDependency, rhs: LockedDependency) -> Bool {
        if lhs.name != rhs.name { return lhs.name.normalized < rhs.name.normalized }
        switch (lhs.version, rhs.version) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?): return left < right
        }
    }
}

/// Where an entry's code comes from. PEP 751 allows exactly one of these per entry.
public enum LockedSource: Sendable, Hashable {
    /// Files from an index or a file server: at least one of an sdist and wheels.
    case distributions(sdist: LockedFile?, wheels: [LockedFile])
    /// One archive at a URL or path (`[packages.archive]`).
    case archive(LockedFile)
    /// A local source tree (`[packages.directory]`).
    case directory(path: String, editable: Bool)
    /// A version-control checkout (`[packages.vcs]`).
    case vcs(type: String, url: String?, path: String?, commit: String)
}

/// One file an entry may be installed from, with the hashes that identify it.
public struct LockedFile: Sendable, Hashable {
    /// The file name; PEP 751 lets it be left out when the URL or path ends with it.
    public var name: String?
    public var url: String?
    public var path: String?
    /// RFC 3339 date-time, written as a TOML date-time (`2024-08-26T20:19:40Z`).
    public var uploadTime: LockTimestamp?
    public var size: Int?
    /// Algorithm (`sha256`) → lowercase hex digest; never empty.
    public var hashes: [String: String]

    public init(name: String?, url: String?, path: String? = nil, uploadTime: LockTimestamp? = nil, size: Int? = nil, hashes: [String: String]) {
        self.name = name
        self.url = url
        self.path = path
        self.uploadTime = uploadTime
        self.size = size
        self.hashes = hashes
    }

    /// The file name, from `name` or else the last segment of the URL or path.
    public var filename: String? {
        if let name { return name }
        guard let location = url ?? path else { return nil }
        let withoutQuery = location.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let withoutFragment = withoutQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let last = withoutFragment.split(separator: "/").last else { return nil }
        return String(last).removingPercentEncodingOfSafeCharacters
    }

    public var sha256: String? { hashes["sha256"] }
}

extension String {
    /// `%2B` → `+` and the like, for file names taken from URLs; anything malformed stays as it is.
    var removingPercentEncodingOfSafeCharacters: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var scalars = Array(utf8)[...]
        while let byte = scalars.popFirst() {
            if byte == UInt8(ascii: "%"), scalars.count >= 2,
               let value = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                scalars = scalars.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
