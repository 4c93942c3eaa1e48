//! The icon files the Windows program (`build.rs`) and the packages embed are the icon the
//! code draws: `assets/icon/scim-preflight-SIZE.png` for every size and
//! `assets/icon/scim-preflight.ico` holding them all. `UPDATE_ICONS=1` writes them anew.

use std::path::{Path, PathBuf};

use scim_preflight::icon::{SIZES, rgba};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon")
}

fn encode(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&rgba(side)).unwrap();
    writer.finish().unwrap();
    out
}

fn decode(bytes: &[u8]) -> (u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    (info.width, pixels)
}

/// An ICO file of PNG images (Windows Vista and later read PNG entries).
fn ico(images: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = vec![0, 0, 1, 0];
    out.extend((images.len() as u16).to_le_bytes());
    let mut offset = 6 + 16 * images.len();
    for (side, png) in images {
        let byte = if *side >= 256 { 0 } else { *side as u8 };
        out.extend([byte, byte, 0, 0]);
        out.extend(1u16.to_le_bytes());
        out.extend(32u16.to_le_bytes());
        out.extend((png.len() as u32).to_le_bytes());
        out.extend((offset as u32).to_le_bytes());
        offset += png.len();
    }
    for (_, png) in images {
        out.extend(png);
    }
    out
}

#[test]
fn icon_files_are_the_icon_the_code_draws() {
    let images: Vec<(u32, Vec<u8>)> = SIZES.iter().map(|&side| (side, encode(side))).collect();
    let ico_path = dir().join("scim-preflight.ico");
    if std::env::var_os("UPDATE_ICONS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for (side, png) in &images {
            std::fs::write(dir().join(format!("scim-preflight-{side}.png")), png).unwrap();
        }
        std::fs::write(&ico_path, ico(&images)).unwrap();
    }
    for side in SIZES {
        let path = dir().join(format!("scim-preflight-{side}.png"));
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run UPDATE_ICONS=1", path.display()));
        assert_eq!(decode(&bytes), (side, rgba(side)), "{}", path.display());
    }
    let ico_bytes = std::fs::read(&ico_path).unwrap();
    assert_eq!(&ico_bytes[..6], &[0, 0, 1, 0, SIZES.len() as u8, 0]);
    // Each entry's PNG decodes to the code's pixels.
    for (i, side) in SIZES.iter().enumerate() {
        let entry = &ico_bytes[6 + 16 * i..6 + 16 * (i + 1)];
        let size = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
        let offset = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
        assert_eq!(
            decode(&ico_bytes[offset..offset + size]),
            (*side, rgba(*side))
        );
    }
}
