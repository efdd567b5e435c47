/// How the environment that hooks run in is made.
public enum BuildIsolation: Sendable {
    /// A fresh venv per build, filled through the installer (the default).
    case isolated(any BuildEnvironmentInstaller)
    /// The target interpreter as it is; `checkDependencies` checks that the build requirements
    /// are installed there first (recursively, markers evaluated).
    case none(checkDependencies: Bool)
}
