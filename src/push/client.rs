//! A client of the SPARQL 1.1 Graph Store HTTP Protocol: read, replace and
//! delete one named graph, with basic or digest authentication, a timeout, and
//! retries with backoff when the server or the network fails for a moment.

use std::fmt;
use std::time::Duration;

/// Where and how to reach a Graph Store.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The Graph Store URL, e.g. `http://127.0.0.1:7878/store`.
    pub url: String,
    /// The query parameter that names the graph (`graph`; Virtuoso also takes `graph-uri`).
    pub graph_param: String,
    /// User and password, when the server asks for them.
    pub credentials: Option<(String, String)>,
    /// Longest time one request may take.
    pub timeout: Duration,
    /// How many times a failed request is tried again.
    pub retries: u32,
}

/// A request that failed: what was asked, where, and why.
#[derive(Debug)]
pub struct HttpError {
    /// `GET`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The graph asked for.
    pub graph: String,
    /// The endpoint.
    pub url: String,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// What went wrong: the server's message or the network error.
    pub message: String,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} graph <{}> at {}: ",
            self.method, self.graph, self.url
        )?;
        match self.status {
            Some(status) => write!(f, "HTTP {status}")?,
            None => write!(f, "no answer")?,
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for HttpError {}

/// The answer to one request.
struct Answer {
    status: u16,
    challenge: Option<String>,
    body: String,
}

/// A Graph Store client; it remembers the server's authentication challenge
/// and answers it on later requests without being asked again.
pub struct GraphStore {
    endpoint: Endpoint,
    agent: ureq::Agent,
    digest: Option<digest_auth::WwwAuthenticateHeader>,
    basic: bool,
    /// Requests that changed a graph (PUT or DELETE) and succeeded.
    pub writes: usize,
}

impl GraphStore {
    /// A client of `endpoint`.
    pub fn new(endpoint: Endpoint) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(endpoint.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("minutegraph/", env!("CARGO_PKG_VERSION")))
            .build();
        GraphStore {
            agent: ureq::Agent::new_with_config(config),
            endpoint,
            digest: None,
            basic: false,
            writes: 0,
        }
    }

    /// The graph's triples as N-Triples (or Turtle, as the server writes
    /// them), or `None` when the server has no such graph.
    pub fn get(&mut self, graph: &str) -> Result<Option<String>, HttpError> {
        let answer = self.send("GET", graph, None)?;
        match answer.status {
            200..=299 => Ok(Some(answer.body)),
            404 => Ok(None),
            status => Err(self.error("GET", graph, Some(status), &answer.body)),
        }
    }

    /// Replaces the graph with `ntriples`.
    pub fn put(&mut self, graph: &str, ntriples: &str) -> Result<(), HttpError> {
        let answer = self.send("PUT", graph, Some(ntriples))?;
        match answer.status {
            200..=299 => {
                self.writes += 1;
                Ok(())
            }
            status => Err(self.error("PUT", graph, Some(status), &answer.body)),
        }
    }

    /// Deletes the graph; a graph that is already gone is no error.
    pub fn delete(&mut self, graph: &str) -> Result<(), HttpError> {
        let answer = self.send("DELETE", graph, None)?;
        match answer.status {
            200..=299 | 404 => {
                self.writes += 1;
                Ok(())
            }
            status => Err(self.error("DELETE", graph, Some(status), &answer.body)),
        }
    }

    /// Sends one request, answering an authentication challenge once and
    /// retrying network failures, 429 and 5xx answers with growing pauses.
    fn send(
        &mut self,
        method: &'static str,
        graph: &str,
        body: Option<&str>,
    ) -> Result<Answer, HttpError> {
        let mut attempt = 0;
        let mut challenged = false;
        loop {
            let result = self.send_once(method, graph, body);
            let retry = match &result {
                Ok(a) if a.status == 401 && !challenged && self.endpoint.credentials.is_some() => {
                    challenged = true;
                    self.accept_challenge(a.challenge.as_deref(), method, graph)?;
                    continue;
                }
                Ok(a) => a.status == 429 || a.status >= 500,
                Err(_) => true,
            };
            if !retry || attempt >= self.endpoint.retries {
                return match result {
                    Ok(answer) if answer.status == 401 => Err(self.error(
                        method,
                        graph,
                        Some(401),
                        if self.endpoint.credentials.is_some() {
                            "the user and password were refused"
                        } else {
                            "the server asks for a user and password (MINUTEGRAPH_USER, MINUTEGRAPH_PASSWORD)"
                        },
                    )),
                    Ok(answer) => Ok(answer),
                    Err(e) => Err(self.error(method, graph, None, &e)),
                };
            }
            std::thread::sleep(Duration::from_millis(250 << attempt.min(6)));
            attempt += 1;
        }
    }

    fn send_once(
        &mut self,
        method: &'static str,
        graph: &str,
        body: Option<&str>,
    ) -> Result<Answer, String> {
        let (url, request_uri) = self.url_of(graph);
        let authorization = self.authorization(method, &request_uri, body)?;
        let response = match (method, body) {
            ("PUT", Some(body)) => {
                let mut request = self
                    .agent
                    .put(&url)
                    .header("Content-Type", "application/n-triples");
                if let Some(auth) = &authorization {
                    request = request.header("Authorization", auth);
                }
                request.send(body.as_bytes())
            }
            ("DELETE", _) => {
                let mut request = self.agent.delete(&url);
                if let Some(auth) = &authorization {
                    request = request.header("Authorization", auth);
                }
                request.call()
            }
            _ => {
                let mut request = self
                    .agent
                    .get(&url)
                    .header("Accept", "application/n-triples, text/turtle;q=0.9");
                if let Some(auth) = &authorization {
                    request = request.header("Authorization", auth);
                }
                request.call()
            }
        };
        let mut response = response.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Ok(Answer {
            status,
            challenge,
            body,
        })
    }

    /// The full URL of `graph`, and the request URI (path and query) digest signs.
    fn url_of(&self, graph: &str) -> (String, String) {
        let separator = if self.endpoint.url.contains('?') {
            '&'
        } else {
            '?'
        };
        let url = format!(
            "{}{separator}{}={}",
            self.endpoint.url,
            percent_encode(&self.endpoint.graph_param),
            percent_encode(graph)
        );
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let request_uri = after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string());
        (url, request_uri)
    }

    fn accept_challenge(
        &mut self,
        challenge: Option<&str>,
        method: &'static str,
        graph: &str,
    ) -> Result<(), HttpError> {
        let challenge = challenge.unwrap_or("");
        if challenge.len() >= 6 && challenge[..6].eq_ignore_ascii_case("digest") {
            let parsed = digest_auth::parse(challenge).map_err(|e| {
                self.error(
                    method,
                    graph,
                    Some(401),
                    &format!("bad digest challenge: {e}"),
                )
            })?;
            self.digest = Some(parsed);
            self.basic = false;
        } else if challenge.len() >= 5 && challenge[..5].eq_ignore_ascii_case("basic") {
            self.basic = true;
            self.digest = None;
        } else {
            return Err(self.error(
                method,
                graph,
                Some(401),
                &format!("unsupported authentication '{challenge}'"),
            ));
        }
        Ok(())
    }

    fn authorization(
        &mut self,
        method: &'static str,
        request_uri: &str,
        body: Option<&str>,
    ) -> Result<Option<String>, String> {
        let Some((user, password)) = &self.endpoint.credentials else {
            return Ok(None);
        };
        if self.basic {
            use base64::Engine;
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            return Ok(Some(format!("Basic {token}")));
        }
        let Some(prompt) = self.digest.as_mut() else {
            return Ok(None);
        };
        let context = digest_auth::AuthContext::new_with_method(
            user.as_str(),
            password.as_str(),
            request_uri,
            body.map(str::as_bytes),
            digest_auth::HttpMethod(method.into()),
        );
        let header = prompt.respond(&context).map_err(|e| e.to_string())?;
        Ok(Some(header.to_header_string()))
    }

    fn error(
        &self,
        method: &'static str,
        graph: &str,
        status: Option<u16>,
        message: &str,
    ) -> HttpError {
        let first_line = message
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        HttpError {
            method,
            graph: graph.to_string(),
            url: self.endpoint.url.clone(),
            status,
            message: crate::export::neutral::visible_controls(first_line)
                .chars()
                .take(300)
                .collect(),
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names_are_encoded_in_the_query() {
        let store = GraphStore::new(Endpoint {
            url: "http://127.0.0.1:8890/sparql-graph-crud-auth".into(),
            graph_param: "graph-uri".into(),
            credentials: None,
            timeout: Duration::from_secs(5),
            retries: 0,
        });
        let (url, uri) = store.url_of("https://w3id.org/minutegraph/id/source/a b.md");
        assert_eq!(
            url,
            "http://127.0.0.1:8890/sparql-graph-crud-auth?graph-uri=\
             https%3A%2F%2Fw3id.org%2Fminutegraph%2Fid%2Fsource%2Fa%20b.md"
        );
        assert!(uri.starts_with("/sparql-graph-crud-auth?graph-uri=https%3A"));
    }

    #[test]
    fn a_server_that_is_not_there_is_a_clear_error() {
        let mut store = GraphStore::new(Endpoint {
            url: "http://127.0.0.1:9/store".into(),
            graph_param: "graph".into(),
            credentials: None,
            timeout: Duration::from_secs(2),
            retries: 1,
        });
        let e = store.get("http://example.org/g").unwrap_err();
        assert_eq!(e.status, None);
        let text = e.to_string();
        assert!(
            text.starts_with(
                "GET graph <http://example.org/g> at http://127.0.0.1:9/store: no answer"
            ),
            "{text}"
        );
    }
}
