# Generates with the shipped models (resources/models) and reads the result back.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CLI} generate --prompt "a red circle moving right on a black background"
                --steps 4 --out ${WORK}/clip.mp4 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate with the shipped model failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CLI} info ${WORK}/clip.mp4 OUTPUT_VARIABLE out)
if(NOT out MATCHES "size: 128x128" OR NOT out MATCHES "frames: 16" OR NOT out MATCHES "\"model\":\"base\"")
  message(FATAL_ERROR "unexpected clip: ${out}")
endif()
