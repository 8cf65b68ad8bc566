//! The process's interrupts (SIGINT, SIGTERM and SIGHUP; Ctrl-C on Windows), caught on one
//! thread with one small runtime, and handed to whoever asked: `build` removes its staging
//! folder and exits, `watch` and `serve` end their loop between rebuilds.

use std::sync::{Mutex, OnceLock};

type Handler = Box<dyn FnOnce(i32) + Send>;

/// Handlers waiting for the interrupt.
static HANDLERS: Mutex<Vec<Handler>> = Mutex::new(Vec::new());

/// Calls `handler(signal number)` when the process is interrupted (2 for SIGINT, 15 for
/// SIGTERM, 1 for SIGHUP), on the signal thread. Returns once signals are caught.
pub fn on_interrupt(handler: impl FnOnce(i32) + Send + 'static) -> Result<(), String> {
    HANDLERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Box::new(handler));
    start()
}

/// Starts the signal thread, once.
fn start() -> Result<(), String> {
    static STARTED: OnceLock<Result<(), String>> = OnceLock::new();
    STARTED
        .get_or_init(|| {
            let (ready, wait) = std::sync::mpsc::channel();
            std::thread::Builder::new()
                .name("ismsbook-signals".into())
                .spawn(move || {
                    let runtime = match tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        Ok(r) => r,
                        Err(e) => {
                            let _ = ready.send(Err(e.to_string()));
                            return;
                        }
                    };
                    if let Some(signo) = runtime.block_on(wait_for_signal(ready)) {
                        let handlers = std::mem::take(
                            &mut *HANDLERS.lock().unwrap_or_else(|e| e.into_inner()),
                        );
                        for handler in handlers {
                            handler(signo);
                        }
                    }
                })
                .map_err(|e| e.to_string())?;
            wait.recv()
                .map_err(|_| "the signal thread ended".to_owned())?
        })
        .clone()
}

#[cfg(unix)]
async fn wait_for_signal(ready: std::sync::mpsc::Sender<Result<(), String>>) -> Option<i32> {
    use tokio::signal::unix::{signal, SignalKind};
    let streams = (|| {
        Ok::<_, std::io::Error>((
            signal(SignalKind::interrupt())?,
            signal(SignalKind::terminate())?,
            signal(SignalKind::hangup())?,
        ))
    })();
    let (mut int, mut term, mut hup) = match streams {
        Ok(s) => s,
        Err(e) => {
            let _ = ready.send(Err(e.to_string()));
            return None;
        }
    };
    let _ = ready.send(Ok(()));
    tokio::select! {
        _ = int.recv() => Some(2),
        _ = term.recv() => Some(15),
        _ = hup.recv() => Some(1),
    }
}

#[cfg(not(unix))]
async fn wait_for_signal(ready: std::sync::mpsc::Sender<Result<(), String>>) -> Option<i32> {
    let _ = ready.send(Ok(()));
    tokio::signal::ctrl_c().await.ok().map(|_| 2)
}
