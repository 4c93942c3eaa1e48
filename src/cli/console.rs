//! The console of a window program on Windows: `scim-preflight.exe` is built for the window
//! subsystem, so that double-clicking it opens no console window; given a command in
//! PowerShell or cmd, it attaches to their console so that what it prints is seen there. (A
//! console does not wait for a window program, so scripts use `scim-preflight-cli.exe`.)

/// Attaches to the console of the process that started this one, if it has one; on other
/// systems, and when there is none (started from Explorer), nothing happens.
pub fn attach_to_parent() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
        // SAFETY: AttachConsole takes a process id and has no other preconditions; when this
        // process already has a console or the parent has none, it fails and changes nothing.
        let _ = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
    }
}
