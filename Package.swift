// swift-tools-version: 6.1
import PackageDescription

// Dependencies point downwards only (see ../shared/DESIGN.md, "Layout"):
// CLI → (Lock, Install, BuildFrontend, Resolver) → (Index, Cache, Python) → PackagingModel → SystemSupport.
let package = Package(
    name: "kiln",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kiln", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // System libraries. curl's setopt/getinfo are variadic: CCurl's header wraps them.
        // libcurl and libarchive are opened with dlopen on first use (their headers are needed to
        // build): they pull in forty libraries that would otherwise load with every command.
        .target(name: "CLazyLibrary", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CCurl", dependencies: ["CLazyLibrary"]),
        .target(name: "CArchive", dependencies: ["CLazyLibrary"]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The few Linux calls Swift's Glibc module does not expose (needs _GNU_SOURCE).
        .target(name: "CSystem"),

        // Processes, files, hashing, locks: the OS seen through typed Swift values.
        .target(name: "SystemSupport", dependencies: ["CSystem", "CCrypto"]),

        // Pure standards code: no I/O.
        .target(name: "PackagingModel", dependencies: ["TOMLKit"]),

        // isolated-env-templates/, embedded into the binary so that a copied `kiln` works alone.
        .target(name: "Templates", plugins: ["EmbedTemplates"]),
        .executableTarget(name: "EmbedTemplatesTool"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["EmbedTemplatesTool"]),

        .target(name: "Python", dependencies: ["PackagingModel", "SystemSupport", "Cache", "Templates"]),
        .target(name: "Cache", dependencies: ["PackagingModel", "SystemSupport", "CSystem"]),
        .target(name: "Index", dependencies: ["PackagingModel", "SystemSupport", "Cache", "CCurl", "CZlib"]),
        .target(name: "Install", dependencies: ["PackagingModel", "SystemSupport", "Cache", "Python", "Templates", "CArchive"]),
        .target(name: "Resolver", dependencies: ["PackagingModel"]),
        // pylock.toml (PEP 751): the model, reading and writing, sync plans.
        .target(name: "Lock", dependencies: ["PackagingModel", "TOMLKit"]),
        // PEP 517/660 builds. Fills build environments through its BuildEnvironmentInstaller
        // protocol; never imports Resolver, Index or Install (Services wires them in).
        .target(name: "BuildFrontend", dependencies: ["PackagingModel", "SystemSupport", "Python", "Cache", "Templates", "CArchive"]),

        // The one place the real implementations meet: the resolver's MetadataProvider over the
        // index, requirement installs (resolve → download → install). uv's `uv-dispatch` plays this part.
        .target(
            name: "Services",
            dependencies: ["PackagingModel", "SystemSupport", "Python", "Cache", "Index", "Install", "Resolver", "BuildFrontend", "Lock", "CArchive"]
        ),

        .executableTarget(
            name: "CLI",
            dependencies: [
                "PackagingModel", "SystemSupport", "Python", "Cache", "Index", "Install", "Resolver", "BuildFrontend", "Lock", "Services",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport", "TestSupport"]),
        .testTarget(name: "PackagingModelTests", dependencies: ["PackagingModel", "TestSupport"]),
        .testTarget(name: "PythonTests", dependencies: ["Python", "TestSupport"]),
        .testTarget(name: "CacheTests", dependencies: ["Cache", "TestSupport"]),
        .testTarget(name: "IndexTests", dependencies: ["Index", "Cache", "TestSupport"]),
        .testTarget(name: "InstallTests", dependencies: ["Install", "Python", "Cache", "TestSupport"]),
        .testTarget(name: "ResolverTests", dependencies: ["Resolver", "TestSupport"]),
        .testTarget(name: "LockTests", dependencies: ["Lock", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BuildFrontendTests", dependencies: ["BuildFrontend", "Python", "Cache", "TestSupport"]),
        .testTarget(name: "ServicesTests", dependencies: ["Services", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "PackagingModel", "CLI"]),
    ],
    swiftLanguageModes: [.v6]
)
