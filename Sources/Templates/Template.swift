/// A Python-side file that kiln places into environments (the interpreter probe, the PEP 517
/// hook runner, activation scripts). The files live in `isolated-env-templates/` and are compiled
/// into the binary, so a copied `kiln` needs nothing beside it.
public enum Template: String, CaseIterable, Sendable {
    case interpreterProbe = "probe/interpreter_info.py"
    case venvActivateSh = "venv/activate"
    case venvActivateFish = "venv/activate.fish"
    case venvActivateCsh = "venv/activate.csh"
    /// Runs one PEP 517/660 hook of a build backend and reports through a JSON file.
    case buildHookRunner = "build/hook_runner.py"

    /// The file's text. Every case names a file that the build embeds; a test checks each one.
    public var text: String {
        embeddedTemplateFiles[rawValue] ?? ""
    }

    /// Whether the build embedded this template (false only for a broken build).
    public var isEmbedded: Bool { embeddedTemplateFiles[rawValue] != nil }
}
