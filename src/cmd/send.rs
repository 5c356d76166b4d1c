//! `infolettre send`: the `.eml` of an issue, mailed as a proof to each
//! `--to` address over SMTP (SPEC §2). Mass mailing is the mailing
//! system's job; this is for the editors to see the real thing first.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, SmtpTransport, Transport};

use super::Env;
use super::render::checked_document;
use crate::cli::{SendArgs, SmtpTls};
use crate::email::Mailbox;
use crate::error::{Error, Result, Verdict};
use crate::render::{Format, Pictures, RenderContext, renderer};

/// The variable that holds the SMTP password: never an argument, which
/// other users of the machine could read in the process list.
pub const PASSWORD_VARIABLE: &str = "INFOLETTRE_SMTP_PASSWORD";

/// How long one exchange with the server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The most a `--ca-file` may hold: the whole Mozilla bundle is about
/// 220 KB.
const MAX_CA_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub fn run(env: &Env, args: SendArgs) -> Result<()> {
    let recipients = recipients(&args.to)?;
    let credentials = credentials(args.user.as_deref())?;
    let authorities = authorities(&args)?;
    let workspace = env.workspace()?;
    let Some(settings) = workspace.config.email.as_ref() else {
        return Err(Error::usage(
            "send needs the sender: infolettre.toml has no [email] table",
            "add [email] with from = \"Name <address@domain>\"",
        ));
    };
    let index = workspace.index()?;
    let entry = env.issue(&workspace, &index, args.issue.as_deref())?;
    // Every check first: an issue with errors is never sent.
    let document = checked_document(
        env,
        &workspace,
        entry,
        (false, false),
        |errors, warnings| Verdict::NothingSent { errors, warnings },
    )?;
    let ctx = RenderContext {
        document: &document,
        layouts: &workspace.layouts,
        pdf: Default::default(),
        pictures: Pictures::Files,
        email: Some(settings),
    };
    let message = renderer(Format::Eml).render(&ctx).map_err(Error::Layout)?;
    let from: Address =
        settings.from.address.parse().map_err(|e| {
            Error::bad(format!("the [email] from address cannot be sent from: {e}"))
        })?;
    let transport = transport(&args, credentials, authorities)?;
    let mut sent = Vec::new();
    for (shown, address) in &recipients {
        let envelope = Envelope::new(Some(from.clone()), vec![address.clone()])
            .map_err(|e| Error::bad(format!("cannot address {shown}: {e}")))?;
        // The .eml has no To: each proof says whom it was for.
        let mut bytes = format!("To: {shown}\r\n").into_bytes();
        bytes.extend_from_slice(&message);
        match transport.send_raw(&envelope, &bytes) {
            Ok(_) => {
                super::meta::print_line(&format!("sent to {shown}"))?;
                sent.push(shown.clone());
            }
            Err(error) => {
                // lettre's message carries the server's reply (code and
                // text), or rustls's reason for refusing a certificate,
                // which lettre reports as a network error among others.
                let mut why = error.to_string();
                if why.contains("invalid peer certificate") && args.ca_file.is_none() {
                    why.push_str(
                        " (a server whose certificate a private authority signed needs \
                         --ca-file with that authority's certificate)",
                    );
                }
                return Err(Error::NotSent {
                    sent,
                    refused: shown.clone(),
                    why,
                });
            }
        }
    }
    Ok(())
}

/// Each `--to`, checked: `Name <address>` or an address.
fn recipients(to: &[String]) -> Result<Vec<(String, Address)>> {
    to.iter()
        .map(|given| {
            let mailbox = Mailbox::parse(given).map_err(|why| {
                Error::usage(
                    format!("--to {given}: {why}"),
                    "write an address, or Name <address>",
                )
            })?;
            let address = mailbox.address.parse().map_err(|e| {
                Error::usage(
                    format!("--to {given}: {e}"),
                    "write an address, or Name <address>",
                )
            })?;
            Ok((mailbox.address, address))
        })
        .collect()
}

fn credentials(user: Option<&str>) -> Result<Option<Credentials>> {
    let Some(user) = user else {
        return Ok(None);
    };
    match std::env::var(PASSWORD_VARIABLE) {
        Ok(password) => Ok(Some(Credentials::new(user.to_owned(), password))),
        Err(_) => Err(Error::usage(
            format!("--user {user} needs a password, and {PASSWORD_VARIABLE} is not set"),
            format!("export {PASSWORD_VARIABLE}=… (never on the command line)"),
        )),
    }
}

/// The certificate authorities of `--ca-file`, read before any connection;
/// a file without one is bad usage, as is a file for a plain connection.
fn authorities(args: &SendArgs) -> Result<Option<Certificate>> {
    let Some(path) = &args.ca_file else {
        return Ok(None);
    };
    let shown = crate::paths::shown(path);
    if args.tls == SmtpTls::None {
        return Err(Error::usage(
            format!("--ca-file {shown} is for a TLS connection, and --tls is none"),
            "drop --ca-file, or use --tls starttls or --tls implicit",
        ));
    }
    let bytes = crate::workspace::read::read_named(path, MAX_CA_FILE_BYTES)?.ok_or_else(|| {
        Error::bad(format!(
            "--ca-file {shown} is larger than {} MiB: it cannot be a certificate bundle",
            MAX_CA_FILE_BYTES / (1024 * 1024)
        ))
    })?;
    let no_certificate = || {
        Error::usage(
            format!("--ca-file {shown} holds no PEM certificate"),
            "give the CA's certificate, the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----",
        )
    };
    // lettre accepts a file of PEM blocks with no certificate in it; such
    // a file would silently trust nothing more.
    if !bytes
        .windows(27)
        .any(|w| w == b"-----BEGIN CERTIFICATE-----")
    {
        return Err(no_certificate());
    }
    Certificate::from_pem(&bytes)
        .map(Some)
        .map_err(|_| no_certificate())
}

/// The SMTP connection `--smtp` and `--tls` describe: STARTTLS on 587,
/// implicit TLS on 465, plain on 25, unless the port is given.
fn transport(
    args: &SendArgs,
    credentials: Option<Credentials>,
    authorities: Option<Certificate>,
) -> Result<SmtpTransport> {
    let (host, port) = match args.smtp.rsplit_once(':') {
        Some((host, port)) => {
            let port = port.parse().map_err(|_| {
                Error::usage(
                    format!("--smtp {}: `{port}` is not a port", args.smtp),
                    "write HOST or HOST:PORT",
                )
            })?;
            (host.to_owned(), Some(port))
        }
        None => (args.smtp.clone(), None),
    };
    let parameters = || {
        let mut builder = TlsParameters::builder(host.clone());
        if let Some(authorities) = authorities {
            builder = builder.add_root_certificate(authorities);
        }
        builder
            .build()
            .map_err(|e| Error::bad(format!("cannot set up TLS for {host}: {e}")))
    };
    let (tls, default_port) = match args.tls {
        SmtpTls::Starttls => (Tls::Required(parameters()?), 587),
        SmtpTls::Implicit => (Tls::Wrapper(parameters()?), 465),
        SmtpTls::None => (Tls::None, 25),
    };
    let mut builder = SmtpTransport::builder_dangerous(host.clone())
        .port(port.unwrap_or(default_port))
        .tls(tls)
        .timeout(Some(TIMEOUT))
        .hello_name(ClientId::Domain("localhost".into()));
    if let Some(credentials) = credentials {
        // PLAIN only: every server that offers AUTH offers it, and a
        // refused PLAIN must end the attempt, not start a LOGIN exchange
        // that some servers leave waiting.
        builder = builder
            .credentials(credentials)
            .authentication(vec![Mechanism::Plain]);
    }
    Ok(builder.build())
}
