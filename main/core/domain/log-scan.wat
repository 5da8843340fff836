;; Scans a run's output for the control characters a stored line never holds, 16 bytes at a time.
;; The source of log-scan-wasm.ts: `npm run build:wasm` compiles it (wabt), and a test checks that
;; the bytes there are what this compiles to.
;;
;; The caller copies up to 64 KiB into memory at 0 and fills the 64 bytes after them with spaces,
;; so whole blocks of 64 can be read past the end.
(module
  (memory (export "memory") 2)

  ;; 1 when bytes [0, n) hold a byte below 0x20 other than tab (9), newline (10) and ESC (27), or
  ;; DEL (0x7f); else 0.
  ;;
  ;; A byte b is looked up in two 16-entry tables with i8x16.swizzle, which answers 0 for an index
  ;; of 16 or more: b itself indexes LOW (bytes 0..15), b - 16 indexes HIGH (bytes 16..31; below 16
  ;; it wraps past 240). Every byte from 0x20 up indexes neither. DEL is compared alone.
  (func (export "hasControl") (param $n i32) (result i32)
    (local $i i32)
    (local $low v128)
    (local $high v128)
    (local $sixteen v128)
    (local $del v128)
    (local $bad v128)
    (local $v v128)
    ;; LOW: 0..15 are controls but tab (9) and newline (10).
    (local.set $low (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 0 0 -1 -1 -1 -1 -1))
    ;; HIGH: 16..31 are controls but ESC (27 = 16 + 11).
    (local.set $high (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 0 -1 -1 -1 -1))
    (local.set $sixteen (i8x16.splat (i32.const 16)))
    (local.set $del (i8x16.splat (i32.const 0x7f)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; Four vectors (64 bytes) a turn, one test of all four. A lane is all ones when its byte is a
        ;; control: LOW[b] | HIGH[b - 16] | (b == DEL).
        (local.set $bad
          (v128.or
            (v128.or
              (v128.or (v128.or
                (i8x16.swizzle (local.get $low) (local.tee $v (v128.load offset=0 (local.get $i))))
                (i8x16.swizzle (local.get $high) (i8x16.sub (local.get $v) (local.get $sixteen))))
              (i8x16.eq (local.get $v) (local.get $del)))
              (v128.or (v128.or
                (i8x16.swizzle (local.get $low) (local.tee $v (v128.load offset=16 (local.get $i))))
                (i8x16.swizzle (local.get $high) (i8x16.sub (local.get $v) (local.get $sixteen))))
              (i8x16.eq (local.get $v) (local.get $del))))
            (v128.or
              (v128.or (v128.or
                (i8x16.swizzle (local.get $low) (local.tee $v (v128.load offset=32 (local.get $i))))
                (i8x16.swizzle (local.get $high) (i8x16.sub (local.get $v) (local.get $sixteen))))
              (i8x16.eq (local.get $v) (local.get $del)))
              (v128.or (v128.or
                (i8x16.swizzle (local.get $low) (local.tee $v (v128.load offset=48 (local.get $i))))
                (i8x16.swizzle (local.get $high) (i8x16.sub (local.get $v) (local.get $sixteen))))
              (i8x16.eq (local.get $v) (local.get $del))))))
        (if (v128.any_true (local.get $bad)) (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $blocks)))
    (i32.const 0))
)
