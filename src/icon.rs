//! The app icon (a white check mark on a blue rounded square), drawn in code at any size: the
//! window's icon, and the image files the Windows program and the packages embed
//! (`assets/icon/`, written from this code by `UPDATE_ICONS=1 cargo test --test icon_files`).

/// The side the icon is designed at, in pixels; other sizes scale it.
pub const DESIGN: u32 = 64;

/// The sizes written to `assets/icon/` for the Windows program and the packages.
pub const SIZES: [u32; 6] = [16, 32, 48, 64, 128, 256];

/// The icon at `side` × `side` pixels, as RGBA bytes, row by row.
pub fn rgba(side: u32) -> Vec<u8> {
    let scale = side as f32 / DESIGN as f32;
    let size = DESIGN as f32;
    let mut rgba = Vec::with_capacity((side * side * 4) as usize);
    for y in 0..side {
        for x in 0..side {
            let (px, py) = ((x as f32 + 0.5) / scale, (y as f32 + 0.5) / scale);
            // Rounded square: signed distance, negative inside.
            let half = size / 2.0 - 2.0;
            let radius = 14.0;
            let (qx, qy) = (
                (px - size / 2.0).abs() - (half - radius),
                (py - size / 2.0).abs() - (half - radius),
            );
            let outside = qx.max(0.0).hypot(qy.max(0.0));
            let square = outside + qx.max(qy).min(0.0) - radius;
            let square_alpha = (0.5 - square * scale).clamp(0.0, 1.0);
            // Check mark: two thick segments.
            let check = segment(px, py, (18.0, 33.0), (28.0, 43.0)).min(segment(
                px,
                py,
                (28.0, 43.0),
                (47.0, 21.0),
            )) - 4.5;
            let check_alpha = (0.5 - check * scale).clamp(0.0, 1.0);
            // Blue, a little lighter at the top.
            let t = py / size;
            let blue = [
                lerp(47.0, 24.0, t),
                lerp(128.0, 84.0, t),
                lerp(237.0, 170.0, t),
            ];
            let mix = |c: f32| c + (255.0 - c) * check_alpha;
            rgba.extend([
                mix(blue[0]) as u8,
                mix(blue[1]) as u8,
                mix(blue[2]) as u8,
                (square_alpha * 255.0) as u8,
            ]);
        }
    }
    rgba
}

fn lerp(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}

/// Distance from `(px, py)` to the segment `a`–`b`.
fn segment(px: f32, py: f32, a: (f32, f32), b: (f32, f32)) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let (apx, apy) = (px - a.0, py - a.1);
    let t = ((apx * abx + apy * aby) / (abx * abx + aby * aby)).clamp(0.0, 1.0);
    (apx - abx * t).hypot(apy - aby * t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn icon_has_transparent_corners_and_a_white_check() {
        for side in super::SIZES {
            let icon = super::rgba(side);
            assert_eq!(icon.len(), (side * side * 4) as usize);
            let at = |x: u32, y: u32| {
                let (x, y) = (x * side / 64, y * side / 64);
                let i = ((y * side + x) * 4) as usize;
                icon[i..i + 4].to_vec()
            };
            assert_eq!(at(0, 0)[3], 0, "corner is transparent at {side}");
            assert_eq!(at(32, 8)[3], 255, "inside is opaque at {side}");
            assert!(
                at(28, 43)[..3].iter().all(|c| *c > 200),
                "white check at {side}"
            );
            assert!(at(32, 8)[2] > 150 && at(32, 8)[0] < 100, "blue at {side}");
        }
    }
}
