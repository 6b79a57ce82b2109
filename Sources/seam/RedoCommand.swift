import Basics
import Changes

/// `seam redo`: applies again the change the last `seam undo` reverted.
let redoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam redo", abstract: "apply again the change the last undo reverted", usage: "",
        discussion: """
            Works on the project containing the current directory (its git top level, else the directory). Refuses,
            naming the file, when a file was edited after the undo; nothing is overwritten.
            """
    )
) { _ in
    let store = try CheckpointStore(workspace: try WorkspaceRoot.containing(FileSystem.currentDirectory()))
    for message in try store.recover() { writeStandardError("seam: \(message)\n") }
    let checkpoint = try store.redo()
    writeStandardOutput("redid checkpoint \(checkpoint.id) (\(checkpoint.title)): \(checkpoint.pathList())\n")
    return 0
}
