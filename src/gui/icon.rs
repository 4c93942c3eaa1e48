//! The app icon (a white check mark on a blue rounded square), drawn in code so no image decoder
//! is needed.

use eframe::egui::IconData;

/// Side of the icon in pixels.
pub const SIZE: u32 = 64;

/// The icon as RGBA pixels.
pub fn icon_data() -> IconData {
    let size = SIZE as f32;
    let mut rgba = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            // Rounded square: signed distance, negative inside.
            let half = size / 2.0 - 2.0;
            let radius = 14.0;
            let (qx, qy) = (
                (px - size / 2.0).abs() - (half - radius),
                (py - size / 2.0).abs() - (half - radius),
            );
            let outside = qx.max(0.0).hypot(qy.max(0.0));
            let square = outside + qx.max(qy).min(0.0) - radius;
            let square_alpha = (0.5 - square).clamp(0.0, 1.0);
            // Check mark: two thick segments.
            let check = segment(px, py, (18.0, 33.0), (28.0, 43.0)).min(segment(
                px,
                py,
                (28.0, 43.0),
                (47.0, 21.0),
            )) - 4.5;
            let check_alpha = (0.5 - check).clamp(0.0, 1.0);
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
    IconData {
        rgba,
        width: SIZE,
        height: SIZE,
    }
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
        let icon = super::icon_data();
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        let pixel = |x: usize, y: usize| &icon.rgba[(y * 64 + x) * 4..(y * 64 + x) * 4 + 4];
        assert_eq!(pixel(0, 0)[3], 0, "corner is transparent");
        assert_eq!(pixel(32, 8)[3], 255, "inside is opaque");
        assert!(
            pixel(28, 43)[..3].iter().all(|c| *c > 240),
            "check mark is white"
        );
        assert!(
            pixel(32, 8)[2] > 150 && pixel(32, 8)[0] < 100,
            "background is blue"
        );
    }
}
