//! Build script: on Windows targets, embeds the app icon and the version information (product,
//! description, version, copyright) in the `.exe`, as Explorer and SmartScreen show them. Other
//! targets need nothing. Cross-building from Linux uses mingw-w64's `windres`
//! (`scripts/build-windows.sh` installs it).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/scim-preflight.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/scim-preflight.ico")
        .set("ProductName", "SCIM Preflight")
        .set(
            "FileDescription",
            "SCIM Preflight: the Azure provisioning token, Entra exports and a preview of what Azure sends",
        )
        .set("CompanyName", "SCIM Preflight")
        .set("LegalCopyright", "MIT licence")
        .set("OriginalFilename", "scim-preflight.exe");
    if let Err(error) = resource.compile() {
        // Without the resource the program still works; say why the icon is missing.
        println!("cargo:warning=could not embed the icon and version information: {error}");
    }
}
