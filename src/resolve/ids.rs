//! Stable, readable ids (slugs) for graph nodes.

/// Lower-case `text`, keep letters and digits, turn every other run into one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "_".to_string() } else { out }
}

/// A source path without its extension, each segment slugged: `iaas/20240710.md` -> `iaas/20240710`.
pub fn source_slug(source: &str) -> String {
    let stem = match source.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.is_empty() => stem,
        _ => source,
    };
    stem.split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .map(slug)
        .collect::<Vec<_>>()
        .join("/")
}

/// `owner/repo#12` -> `owner/repo/12`; `#12` -> `12`.
pub fn issue_slug(key: &str) -> String {
    let (repo, number) = key.rsplit_once('#').unwrap_or(("", key));
    let mut parts: Vec<String> = repo
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug)
        .collect();
    parts.push(slug(number));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Flux CD"), "flux-cd");
        assert_eq!(slug("  Jürgen O'Neil "), "jürgen-o-neil");
        assert_eq!(slug("!!!"), "_");
        assert_eq!(source_slug("iaas/20240710.md"), "iaas/20240710");
        assert_eq!(source_slug("Seeds/000_x.txt"), "seeds/000-x");
        assert_eq!(issue_slug("acme/tools#12"), "acme/tools/12");
        assert_eq!(issue_slug("#7"), "7");
    }
}
