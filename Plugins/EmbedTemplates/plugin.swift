import Foundation
import PackagePlugin

/// Turns every file under `isolated-env-templates/` into a Swift string constant, so the Python-side
/// files kiln places into environments travel inside the `kiln` binary.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "isolated-env-templates")
        let enumerator = FileManager.default.enumerator(
            at: templates, includingPropertiesForKeys: [.isRegularFileKey])
        var inputs: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding isolated-env-templates",
                executable: try context.tool(named: "EmbedTemplatesTool").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
