//! The address a request came from: the peer's, or, when the peer is a reverse proxy Styr was told
//! to trust (`--trusted-proxy`), the address that proxy says it forwarded for. A header from anyone
//! else is ignored: any client can send one.

use std::net::IpAddr;

/// The client's address: the last `X-Forwarded-For` entry when `peer` is one of `trusted` (the
/// entry the trusted proxy itself added; those before it are whatever the client sent), else
/// `peer`. Empty when neither is known.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> String {
    let forwarded = forwarded_for
        .and_then(|header| header.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok());
    match (peer, forwarded) {
        (Some(peer), Some(forwarded)) if trusted.contains(&peer) => forwarded.to_string(),
        (Some(peer), _) => peer.to_string(),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = [ip("127.0.0.1")];
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), Some("203.0.113.7"), &trusted),
            "203.0.113.7"
        );
        // What the client sent before the proxy's own entry is not believed.
        assert_eq!(
            client_address(
                Some(ip("127.0.0.1")),
                Some("10.9.9.9, 203.0.113.7"),
                &trusted
            ),
            "203.0.113.7"
        );
    }

    #[test]
    fn anyone_else_is_their_own_address_whatever_they_send() {
        let trusted = [ip("127.0.0.1")];
        assert_eq!(
            client_address(Some(ip("198.51.100.2")), Some("203.0.113.7"), &trusted),
            "198.51.100.2"
        );
        assert_eq!(
            client_address(Some(ip("198.51.100.2")), Some("203.0.113.7"), &[]),
            "198.51.100.2"
        );
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), None, &trusted),
            "127.0.0.1"
        );
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), Some("not an address"), &trusted),
            "127.0.0.1"
        );
        assert_eq!(client_address(None, Some("203.0.113.7"), &trusted), "");
    }
}
