import PackagingModel
import SystemSupport

/// What kiln reads from a source tree before any hook runs: `[build-system]` (PEP 517's default
/// when absent), `[project]`, and an sdist's PKG-INFO.
public struct SourceProject: Sendable {
    public let root: String
    public let buildSystem: BuildSystem
    public let project: ProjectTable?
    public let pkgInfo: CoreMetadata?

    public init(root: String) throws(BuildInputError) {
        self.root = root
        let pyproject = FileSystem.join(root, "pyproject.toml")
        if FileSystem.exists(pyproject) {
            let text: String
            do {
                text = try FileSystem.readText(pyproject)
            } catch {
                throw .invalidPyProject(path: pyproject, reason: error.description)
            }
            let parsed: PyProject
            do {
                parsed = try PyProject(text: text, source: pyproject)
            } catch {
                throw .invalidPyProject(path: pyproject, reason: error.description)
            }
            buildSystem = parsed.buildSystem
            project = parsed.project
        } else if FileSystem.exists(FileSystem.join(root, "setup.py")) {
            buildSystem = .pep517Default
            project = nil
        } else {
            throw .unsupportedSource(root)
        }
        let pkgInfoPath = FileSystem.join(root, "PKG-INFO")
        if FileSystem.exists(pkgInfoPath) {
            do {
                pkgInfo = try CoreMetadata(parsing: try FileSystem.readBytes(pkgInfoPath), source: pkgInfoPath)
            } catch let error as CoreMetadataError {
                throw .invalidPKGInfo(path: pkgInfoPath, reason: error.description)
            } catch {
                throw .invalidPKGInfo(path: pkgInfoPath, reason: "\(error)")
            }
        } else {
            pkgInfo = nil
        }
    }

    /// The requirements installed before any hook runs: `build-system.requires`; without a
    /// `[build-system]` table (or a pyproject.toml) PEP 517's `setuptools>=40.8.0`. A table that
    /// names no backend keeps its own `requires`, as pip and uv do.
    public var buildRequirements: [Requirement] {
        buildSystem.requires
    }

    /// `build-backend`, else setuptools' legacy backend.
    public var backend: String { buildSystem.effectiveBuildBackend }

    /// The project's name as the metadata gives it, for messages.
    public var displayName: String {
        pkgInfo?.name.original ?? project?.name.original ?? FileSystem.basename(of: root)
    }

    public var version: String? {
        pkgInfo?.version.description ?? project?.version?.description
    }
}

extension SourceProject {
    static func load(_ root: String) throws(BuildError) -> SourceProject {
        do {
            return try SourceProject(root: root)
        } catch {
            throw .input(error)
        }
    }
}
