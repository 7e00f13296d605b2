# Every generation mode through `lanterna-cli generate` on tiny random-weight
# models (base, conditional, ssr, styles/sketch written by tst_core) and the
# example inputs in resources/examples: exit codes, outputs, recorded settings.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${TST} --write-tiny-models ${WORK}/models RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write the tiny models (${rc})")
endif()
set(EX ${SOURCE_DIR}/resources/examples)
set(COMMON --model ${WORK}/models --frames 8 --steps 2 --ssr-steps 1 --size 64)

# run(<name> <expected exit> <regex on stderr> args...)
function(run name expected pattern)
  execute_process(COMMAND ${CLI} generate ${COMMON} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL ${expected} OR NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "${name}: expected exit ${expected} matching '${pattern}', got ${rc}: ${err}")
  endif()
endfunction()

# info(<file> <regex>...): every regex must match `lanterna-cli info FILE`.
function(info file)
  execute_process(COMMAND ${CLI} info ${file} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  foreach(pattern ${ARGN})
    if(NOT rc EQUAL 0 OR NOT out MATCHES "${pattern}")
      message(FATAL_ERROR "info ${file}: '${pattern}' not found in: ${out}")
    endif()
  endforeach()
endfunction()

run(i2v 0 "wrote 8 frames" --prompt "a green star rising in a night sky" --image ${EX}/still.png
    --out ${WORK}/i2v.mp4)
info(${WORK}/i2v.mp4 "\"mode\":\"i2v\"" "\"role\":\"image\"" "still.png" "\"sha256\":\"[0-9a-f]+\"")
run(cinemagraph 0 "wrote 8 frames" --prompt "a green star rising in a night sky"
    --image ${EX}/still.png --mask ${EX}/mask_band.png --out ${WORK}/cinemagraph/)
info(${WORK}/cinemagraph/frame_0000.png "\"mode\":\"cinemagraph\"" "\"role\":\"mask\"")
run(inpaint 0 "wrote 8 frames" --prompt "a red ball going left on a grey background"
    --video ${EX}/clip.mp4 --mask ${EX}/mask_centre.png --out ${WORK}/inpaint.gif)
info(${WORK}/inpaint.gif "\"mode\":\"inpaint\"" "\"role\":\"video\"")
run(outpaint 0 "wrote 8 frames of 64x32" --prompt "a green star in a night sky"
    --image ${EX}/still.png --canvas 256x128 --out ${WORK}/outpaint.mp4)
run(v2v 0 "wrote 8 frames" --prompt "a white ball going left on a blue background"
    --video ${EX}/clip.mp4 --strength 0.5 --out ${WORK}/v2v.webm)
info(${WORK}/v2v.webm "\"mode\":\"v2v\"" "\"strength\":0.5")
run(upscale 0 "wrote 16 frames" --mode upscale --video ${EX}/clip.mp4 --out ${WORK}/up/)
run(style 0 "wrote 8 frames" --prompt "a red circle moving right on a black background"
    --style sketch --style-strength 0.5 --out ${WORK}/style.mp4)
info(${WORK}/style.mp4 "\"style\":\"sketch\"" "\"role\":\"style\"")

# Usage errors (2) and bad files (1) name the problem and leave no output.
run(no_mask 2 "needs a mask" --mode inpaint --prompt "x" --video ${EX}/clip.mp4 --out ${WORK}/e1.mp4)
run(bad_style 2 "style 'oil' is not installed" --prompt "x" --style oil --out ${WORK}/e2.mp4)
run(bad_canvas 2 "--canvas must be WIDTHxHEIGHT" --prompt "x" --image ${EX}/still.png
    --canvas 12by9 --out ${WORK}/e3.mp4)
run(bad_image 1 "not_an_image.png' is not a readable image" --prompt "x"
    --image ${SOURCE_DIR}/tests/data/not_an_image.png --out ${WORK}/e4.mp4)
run(missing_video 1 "does not exist" --prompt "x" --video ${WORK}/nothing.mp4 --out ${WORK}/e5.mp4)
run(unknown_mode 2 "unknown mode 'paint'" --mode paint --prompt "x" --out ${WORK}/e6.mp4)
foreach(f e1.mp4 e2.mp4 e3.mp4 e4.mp4 e5.mp4 e6.mp4)
  if(EXISTS ${WORK}/${f})
    message(FATAL_ERROR "a failed run left ${f} behind")
  endif()
endforeach()
