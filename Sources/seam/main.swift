import Basics

#if canImport(Glibc)
import Glibc
#endif

/// seam: the workbench. With no subcommand it opens the TUI on PATH (default: the current
/// directory); the subcommands review, apply, undo, redo, log and migrate work on changesets.
let subcommands: [SubcommandProgram.Subcommand] = [
    reviewCommand, applyCommand, undoCommand, redoCommand, logCommand, migrateCommand,
]
let arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, let subcommand = subcommands.first(where: { $0.spec.name == "seam " + first }) {
    exit(SubcommandProgram.run(subcommand, Array(arguments.dropFirst())))
}
// `seam help`, `seam --help` and `seam PATH -h` show the workbench's options and the subcommands.
let beforeSeparator = arguments.prefix { $0 != "--" }
if arguments.first == "help" || beforeSeparator.contains("--help") || beforeSeparator.contains("-h") {
    let list = subcommands.map { subcommand in
        let name = String(subcommand.spec.name.dropFirst("seam ".count))
        return "  " + name + String(repeating: " ", count: max(2, 10 - name.count)) + subcommand.spec.abstract + "\n"
    }
    writeStandardOutput(
        workbenchCommand.spec.helpText + "\nSubcommands:\n" + list.joined()
            + "\nRun 'seam <subcommand> --help' for a subcommand's options.\n")
    exit(0)
}
exit(SubcommandProgram.run(workbenchCommand, arguments))
