// After a passkey is enrolled (django-otp-webauthn's register script fires
// otp_webauthn.register_complete), go on to the page the button names: the recovery codes,
// shown once, or where the person was going.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const next = event.target.closest("[data-next]");
  if (next) {
    window.location.assign(next.dataset.next);
  }
});
