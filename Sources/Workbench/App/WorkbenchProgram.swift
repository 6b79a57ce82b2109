import TerminalKit

/// Builds the Elm program for the workbench on any backend: the update, the view and the
/// effects joined into `TerminalKit.Program`. The `seam` executable feeds it terminal events;
/// tests and the frame benchmark use it with a `TestBackend`.
@MainActor
package enum WorkbenchProgram {
    package typealias Instance = Program<WorkbenchState, Msg, Command>

    /// A program showing `state` on `backend`, running commands with `perform`.
    package static func make(
        state: WorkbenchState, backend: any Backend, perform: @escaping Instance.Perform
    ) -> Instance {
        let program = Instance(
            state: state, backend: backend, update: WorkbenchUpdate.update, view: { state, size in
                var sized = state
                sized.size = size
                return WorkbenchView.compositor(sized)
            }, perform: perform)
        program.resized = { .resized($0) }
        program.shouldQuit = { $0.quitRequested }
        return program
    }
}
