//! Installs the panic hook and mounts the app; everything else is in the library.

fn main() {
    chronicle::start();
}
