# Runs `lanterna-cli generate` end to end on a random-weight model written by
# tst_core, and checks its exit codes and output files.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${TST} --write-tiny-models ${WORK}/models RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write the tiny model (${rc})")
endif()
execute_process(COMMAND ${CLI} generate --model ${WORK}/models --prompt "a blue square falling on grass"
                --frames 8 --steps 2 --ssr-steps 2 --out ${WORK}/out/
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate failed (${rc}): ${err}")
endif()
file(GLOB frames ${WORK}/out/frame_*.png)
list(LENGTH frames n)
if(NOT n EQUAL 8 OR NOT EXISTS ${WORK}/out/settings.json)
  message(FATAL_ERROR "expected 8 frames and settings.json, got ${n} frames")
endif()
# Usage errors exit with 2 and name the problem.
execute_process(COMMAND ${CLI} generate --model ${WORK}/models --prompt "x" --frames 7 --out ${WORK}/bad/
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "frames" OR EXISTS ${WORK}/bad)
  message(FATAL_ERROR "bad --frames: expected exit 2 naming frames, got ${rc}: ${err}")
endif()
execute_process(COMMAND ${CLI} generate --bogus RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "bogus")
  message(FATAL_ERROR "unknown option: expected exit 2, got ${rc}: ${err}")
endif()
# A missing model folder is a runtime failure (1) naming the folder.
execute_process(COMMAND ${CLI} generate --model ${WORK}/nowhere --prompt "x" --out ${WORK}/o/
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "nowhere")
  message(FATAL_ERROR "missing model: expected exit 1, got ${rc}: ${err}")
endif()
# Video output embeds the settings; `info` reads them back.
execute_process(COMMAND ${CLI} generate --model ${WORK}/models --prompt "a red star spinning on white"
                --frames 8 --steps 2 --ssr-steps 2 --seed 9 --out ${WORK}/clip.mp4
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK}/clip.mp4)
  message(FATAL_ERROR "generate to mp4 failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CLI} info ${WORK}/clip.mp4 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "codec: h264" OR NOT out MATCHES "frames: 8"
   OR NOT out MATCHES "\"prompt\":\"a red star spinning on white\"" OR NOT out MATCHES "\"seed\":9")
  message(FATAL_ERROR "info did not read the settings back: ${out}")
endif()
execute_process(COMMAND ${CLI} generate --model ${WORK}/models --prompt "x" --out ${WORK}/clip.avi
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "avi")
  message(FATAL_ERROR "unknown extension: expected exit 2, got ${rc}: ${err}")
endif()
