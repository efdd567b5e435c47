import PackagingModel

/// Whether a distribution file in the archive store belongs to a package, decided from its
/// filename alone (the store is keyed by content, so the filename is all that names a package).
enum DistributionFileOwner {
    /// A wheel belongs to the name its filename carries; an sdist to `package` if the filename
    /// splits into that name and a valid version (legacy sdists keep dashes in their names, so
    /// the split is only exact once the name is known). Any other file belongs to no package.
    static func belongs(_ filename: String, to package: PackageName) -> Bool {
        if filename.hasSuffix(".whl") {
            return (try? WheelFilename(filename))?.name == package
        }
        return (try? SdistFilename(filename, packageName: package))?.name == package
    }
}
