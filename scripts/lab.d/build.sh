# scripts/lab.d/build.sh — sourced by scripts/lab: build_image builds the base image and the local apt
# repository (debootstrap, download-only package set, image configuration, mkfs.ext4 -d). It uses the
# configuration and helpers defined in scripts/lab; it is not meant to be run on its own.
# shellcheck shell=bash

build_image() {
  [[ $(id -u) -eq 0 ]] || die "building the base image needs root (debootstrap)"
  local mirror tmp root n
  mirror=$(detect_mirror)
  for n in "${NODES[@]}"; do stop_vm "$n"; done
  rm -rf "$READY" "$RUN"/*.qcow2 2>/dev/null || true
  if [[ ! -s $KEY || ! -s $KEY.pub ]]; then
    rm -f "$KEY" "$KEY.pub"
    ssh-keygen -q -t ed25519 -N '' -C duet-lab -f "$KEY"
  fi
  tmp=$LAB_DIR/build.tmp
  root=$tmp/rootfs
  rm -rf "$tmp" "$IMG.new"
  mkdir -p "$tmp" "$IMG.new"

  phase "debootstrap"
  debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$root" "$mirror" >"$tmp/debootstrap.log" 2>&1 \
    || { tail -n 30 "$tmp/debootstrap.log" >&2; die "debootstrap failed (log: $tmp/debootstrap.log)"; }
  phase_done "$SUITE minbase"

  phase "local apt repo"
  local before after
  before=$(cd "$root/var/cache/apt/archives" && find . -maxdepth 1 -name "*.deb" | sort)
  chroot "$root" apt-get update -q >"$tmp/repo.log" 2>&1 || { tail -n 20 "$tmp/repo.log" >&2; die "apt-get update in the chroot failed"; }
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --download-only --no-install-recommends \
    "${REPO_PACKAGES[@]}" >>"$tmp/repo.log" 2>&1 || { tail -n 20 "$tmp/repo.log" >&2; die "downloading ${REPO_PACKAGES[*]} failed"; }
  after=$(cd "$root/var/cache/apt/archives" && find . -maxdepth 1 -name "*.deb" | sort)
  mkdir -p "$tmp/repo"
  comm -13 <(echo "$before") <(echo "$after") | while read -r deb; do
    [[ -n $deb ]] && cp "$root/var/cache/apt/archives/$deb" "$tmp/repo/"
  done
  local pkg
  for pkg in "${REPO_ALSO_FROM_IMAGE[@]}"; do # debootstrap left these debs in the cache ("before")
    cp "$root"/var/cache/apt/archives/"${pkg}"_*.deb "$tmp/repo/" || die "no $pkg deb in the chroot's cache"
  done
  (cd "$tmp/repo" && dpkg-scanpackages --multiversion . /dev/null >Packages 2>/dev/null && gzip -9kf Packages)
  local ndebs; ndebs=$(find "$tmp/repo" -name '*.deb' | wc -l)
  ((ndebs > 0)) || die "the local repo is empty"
  for pkg in "${REPO_PACKAGES[@]}"; do
    grep -q "^Package: $pkg\$" "$tmp/repo/Packages" || die "$pkg missing from the local repo"
  done
  phase_done "$ndebs debs, $(du -sh "$tmp/repo" | cut -f1)"

  phase "configure image"
  rm -f "$root"/var/cache/apt/archives/*.deb
  rm -rf "$root"/var/lib/apt/lists/*
  mkdir -p "$root/var/lib/apt/lists/partial"
  echo 'deb [trusted=yes] http://10.0.2.100/ ./' >"$root/etc/apt/sources.list"
  rm -f "$root"/etc/apt/sources.list.d/*
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/99duet-lab"
  echo lab >"$root/etc/hostname"
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"
  cat >"$root/etc/fstab" <<'EOF'
/dev/vda / ext4 rw,noatime 0 0
EOF
  cat >"$root/etc/hosts" <<'EOF'
127.0.0.1	localhost
::1		localhost ip6-localhost ip6-loopback
192.168.77.1	node1
192.168.77.2	node2
EOF
  # networking: management NIC by DHCP (QEMU user net), replication NIC static, both matched by MAC
  mkdir -p "$root/etc/systemd/network"
  cat >"$root/etc/systemd/network/10-mgmt.network" <<EOF
[Match]
MACAddress=$(mac_mgmt node1) $(mac_mgmt node2)

[Network]
DHCP=ipv4
LinkLocalAddressing=no
IPv6AcceptRA=no
EOF
  for n in "${NODES[@]}"; do
    cat >"$root/etc/systemd/network/20-repl-$n.network" <<EOF
[Match]
MACAddress=$(mac_repl "$n")

[Network]
Address=$(repl_addr "$n")/24
LinkLocalAddressing=no
IPv6AcceptRA=no
ConfigureWithoutCarrier=yes
IgnoreCarrierLoss=yes
EOF
    cat >"$root/etc/systemd/network/21-link2-$n.network" <<EOF
[Match]
MACAddress=$(mac_link2 "$n")

[Network]
Address=$(link2_addr "$n")/24
LinkLocalAddressing=no
IPv6AcceptRA=no
ConfigureWithoutCarrier=yes
IgnoreCarrierLoss=yes
EOF
  done
  chroot "$root" systemctl enable systemd-networkd.service >/dev/null 2>&1
  local unit
  for unit in systemd-networkd-wait-online.service systemd-firstboot.service e2scrub_reap.service \
      e2scrub_all.timer apt-daily.timer apt-daily-upgrade.timer fstrim.timer man-db.timer dpkg-db-backup.timer \
      systemd-timesyncd.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  # SSH: root by key only; per-node ed25519 host keys generated here, picked by hostname (%H) at start
  rm -f "$root"/etc/ssh/ssh_host_*
  mkdir -p "$root/etc/ssh/sshd_config.d" "$root/etc/systemd/system/ssh.service.d" "$IMG.new/hostkeys"
  cat >"$root/etc/ssh/sshd_config.d/duet-lab.conf" <<'EOF'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
EOF
  cat >"$root/etc/systemd/system/ssh.service.d/duet-lab.conf" <<'EOF'
[Service]
ExecStartPre=
ExecStartPre=/bin/sh -c 'install -m 600 /etc/ssh/keys/%H/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key && install -m 644 /etc/ssh/keys/%H/ssh_host_ed25519_key.pub /etc/ssh/ssh_host_ed25519_key.pub'
ExecStartPre=/usr/sbin/sshd -t
EOF
  for n in "${NODES[@]}"; do
    mkdir -p "$IMG.new/hostkeys/$n" "$root/etc/ssh/keys/$n"
    ssh-keygen -q -t ed25519 -N '' -C "root@$n" -f "$IMG.new/hostkeys/$n/ssh_host_ed25519_key"
    install -m 600 "$IMG.new/hostkeys/$n/ssh_host_ed25519_key" "$root/etc/ssh/keys/$n/"
    install -m 644 "$IMG.new/hostkeys/$n/ssh_host_ed25519_key.pub" "$root/etc/ssh/keys/$n/"
  done
  chmod 700 "$root/etc/ssh/keys"
  install -d -m 700 "$root/root/.ssh"
  install -m 600 "$KEY.pub" "$root/root/.ssh/authorized_keys"
  # duet: an unprivileged login with passwordless sudo and the same lab key (for runs that do not log in as root)
  chroot "$root" useradd --create-home --shell /bin/bash --user-group duet || die "useradd duet failed"
  chroot "$root" passwd -l duet >/dev/null 2>&1 || true
  local duid dgid
  duid=$(chroot "$root" id -u duet) dgid=$(chroot "$root" id -g duet)
  install -d -m 700 -o "$duid" -g "$dgid" "$root/home/duet/.ssh"
  install -m 600 -o "$duid" -g "$dgid" "$KEY.pub" "$root/home/duet/.ssh/authorized_keys"
  echo 'duet ALL=(ALL:ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/duet"
  chmod 440 "$root/etc/sudoers.d/duet"
  chroot "$root" visudo -c -q -f /etc/sudoers.d/duet || die "/etc/sudoers.d/duet does not parse"
  chroot "$root" passwd -l root >/dev/null 2>&1 || true
  local kernel initrd
  kernel=$(ls "$root"/boot/vmlinuz-* | tail -n1)
  initrd=$(ls "$root"/boot/initrd.img-* | tail -n1)
  [[ -f $kernel && -f $initrd ]] || die "no kernel/initrd in the image"
  cp "$kernel" "$IMG.new/vmlinuz"
  cp "$initrd" "$IMG.new/initrd.img"
  basename "$kernel" | sed 's/^vmlinuz-//' >"$IMG.new/kernel-version"
  phase_done "kernel $(<"$IMG.new/kernel-version")"

  phase "root image"
  mkfs.ext4 -q -F -L duet-root -d "$root" "$IMG.new/base.raw" "$ROOT_SIZE" || die "mkfs.ext4 -d failed"
  chmod 444 "$IMG.new/base.raw"
  phase_done "$(du -h "$IMG.new/base.raw" | cut -f1) used of $ROOT_SIZE"

  rm -rf "$IMG" "$REPO"
  mv "$tmp/repo" "$REPO"
  image_stamp >"$IMG.new/STAMP"
  mv "$IMG.new" "$IMG"
  rm -rf "$tmp"
}
